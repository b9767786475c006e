package io.github.jitprovisioning.it.console;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

import io.github.jitprovisioning.it.harness.Browser;
import io.github.jitprovisioning.it.harness.KeycloakServer;

/**
 * Keycloak's own admin console (the React app of 26.7.3) driven as a person drives it: find things by the words
 * they show, wait until they are visible, click, type. Form fields are found by their label's text; only where
 * the console gives an element no words of its own (the gear, the trash icon, the drag handle) are its
 * {@code aria-label}s and {@code data-testid}s used. Every wait is explicit: the console is slow under load.
 */
final class AdminConsole {

    private static final String MODAL = "//*[contains(@class,'pf-v5-c-modal-box')]";

    private final Browser browser;
    private final String baseUrl;

    AdminConsole(Browser browser, String baseUrl) {
        this.browser = browser;
        this.baseUrl = baseUrl;
    }

    Browser browser() {
        return browser;
    }

    /** Opens {@code #/realm/path} of the console, signing in as the bootstrap admin when asked. */
    AdminConsole open(String realm, String path) {
        browser.open(baseUrl + "/admin/master/console/#/" + realm + (path.isEmpty() ? "" : "/" + path));
        browser.waitFor(d -> !d.findElements(By.id("kc-login")).isEmpty()
                || !d.findElements(By.cssSelector("[data-testid='options-toggle']")).isEmpty(), "the console or its sign-in");
        if (browser.has(By.id("kc-login"))) {
            browser.type(By.id("username"), KeycloakServer.ADMIN_USERNAME)
                    .type(By.id("password"), KeycloakServer.ADMIN_PASSWORD)
                    .click(By.id("kc-login"));
        }
        visible(By.cssSelector("[data-testid='options-toggle']"));
        return this;
    }

    /** Reloads the page (the console keeps its route in the URL). */
    AdminConsole reload() {
        browser.driver().navigate().refresh();
        visible(By.cssSelector("[data-testid='options-toggle']"));
        return this;
    }

    static By exactText(String text) {
        return By.xpath("//*[normalize-space(text())=" + literal(text) + "]");
    }

    static By testId(String id) {
        return By.cssSelector("[data-testid=" + cssString(id) + "]");
    }

    /** The first element matching {@code by} that is displayed, waiting for it. */
    WebElement visible(By by) {
        return browser.waitFor(d -> {
            try {
                return d.findElements(by).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
            } catch (StaleElementReferenceException e) {
                return null;
            }
        }, "a visible " + by);
    }

    /** Clicks the visible element that shows exactly {@code text}. */
    AdminConsole press(String text) {
        return press(exactText(text));
    }

    /**
     * Clicks the visible element {@code by}. Scrolled into the middle first: the console's sticky headers and
     * toasts cover elements near the edges, and its cards put a label over their text.
     */
    AdminConsole press(By by) {
        for (int attempt = 0; ; attempt++) {
            try {
                WebElement element = visible(by);
                js("arguments[0].scrollIntoView({block:'center'}); arguments[0].click();", element);
                return this;
            } catch (StaleElementReferenceException e) {
                if (attempt > 20) {
                    throw e; // re-rendered twenty times under our hands: not a wait
                }
            }
        }
    }

    /** Replaces the text of the visible input {@code by} with {@code text}. */
    AdminConsole type(By by, String text) {
        WebElement field = visible(by);
        field.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
        field.sendKeys(text);
        return this;
    }

    /**
     * Waits for the console's toast that contains {@code text}; fails at once with the console's words when an
     * error toast comes instead (it disappears after a few seconds, so a plain wait would not show it).
     */
    AdminConsole alert(String text) {
        WebElement toast = visible(By.xpath("//*[contains(@class,'pf-v5-c-alert__title')][contains(normalize-space(.)," + literal(text)
                + ")] | //*[contains(@class,'pf-v5-c-alert') and contains(@class,'pf-m-danger')]"));
        String shown = toast.getText();
        if (!shown.contains(text)) {
            throw new AssertionError("expected the console to say '" + text + "'; it said: " + shown);
        }
        return this;
    }

    /** Closes every toast, so that the next {@link #alert} sees a new one. */
    AdminConsole dismissAlerts() {
        for (WebElement close : browser.driver().findElements(By.xpath("//ul[contains(@class,'pf-v5-c-alert-group')]//button[starts-with(@aria-label,'Close')]"))) {
            try {
                js("arguments[0].click();", close);
            } catch (WebDriverException ignored) {
                // gone already
            }
        }
        browser.waitFor(d -> d.findElements(By.cssSelector(".pf-v5-c-alert-group .pf-v5-c-alert")).isEmpty(), "the toasts to close");
        return this;
    }

    /** The open modal dialog. */
    WebElement modal() {
        return visible(By.xpath(MODAL));
    }

    static By inModal(String xpath) {
        return By.xpath(MODAL + xpath);
    }

    // ------------------------------------------------------------------ form fields, found by their label

    /** The form group whose label is {@code label} (within the modal when {@code inModal}). */
    By group(String label) {
        return By.xpath("//div[contains(@class,'pf-v5-c-form__group')][./div[contains(@class,'pf-v5-c-form__group-label')]"
                + "//*[normalize-space(text())=" + literal(label) + "]]");
    }

    /** Clicks the tab (or sub-tab) titled {@code title}, not a menu entry of the same words. */
    AdminConsole tab(String title) {
        return press(By.xpath("//*[@role='tab'][normalize-space(.)=" + literal(title) + "]"));
    }

    /** An element inside the control of the form group labelled {@code label}. */
    By field(String label, String xpath) {
        return control(label, xpath);
    }

    private By control(String label, String xpath) {
        return By.xpath("//div[contains(@class,'pf-v5-c-form__group')][./div[contains(@class,'pf-v5-c-form__group-label')]"
                + "//*[normalize-space(text())=" + literal(label) + "]]/div[contains(@class,'pf-v5-c-form__group-control')]" + xpath);
    }

    /** The switch labelled {@code label}: on or off. */
    boolean switchOn(String label) {
        return visibleOrHidden(control(label, "//input[@type='checkbox']")).isSelected();
    }

    AdminConsole setSwitch(String label, boolean on) {
        if (switchOn(label) != on) {
            js("arguments[0].click();", visibleOrHidden(control(label, "//input[@type='checkbox']")));
        }
        browser.waitFor(d -> {
            try {
                return switchOn(label) == on;
            } catch (StaleElementReferenceException e) {
                return false;
            }
        }, "switch '" + label + "' " + (on ? "on" : "off"));
        return this;
    }

    /** The text field labelled {@code label}. */
    String text(String label) {
        return visible(control(label, "//input[not(@type='checkbox')]")).getDomProperty("value");
    }

    AdminConsole setText(String label, String value) {
        return type(control(label, "//input[not(@type='checkbox')]"), value);
    }

    /** What the single-choice select labelled {@code label} shows. */
    String choice(String label) {
        return visible(control(label, "//button[contains(@class,'pf-v5-c-menu-toggle')]")).getText().trim();
    }

    AdminConsole choose(String label, String option) {
        press(control(label, "//button[contains(@class,'pf-v5-c-menu-toggle')]"));
        return press(By.xpath("//*[@role='option'][normalize-space(.)=" + literal(option) + "]"));
    }

    /** The values of the multi-line field labelled {@code label} (one text input per value). */
    List<String> lines(String label) {
        List<String> values = new ArrayList<>();
        for (WebElement input : browser.driver().findElements(control(label, "//input[@type='text' or not(@type)]"))) {
            values.add(input.getDomProperty("value"));
        }
        return values;
    }

    /** Types {@code values} into the multi-line field labelled {@code label}, adding a line for each after the first. */
    AdminConsole setLines(String label, List<String> values) {
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                press(control(label, "//button[starts-with(@data-testid,'config.') and contains(@data-testid,'-addValue')]"));
            }
            int index = i;
            browser.waitFor(d -> d.findElements(control(label, "//input[@type='text' or not(@type)]")).size() > index,
                    "line " + (index + 1) + " of '" + label + "'");
            WebElement input = browser.driver().findElements(control(label, "//input[@type='text' or not(@type)]")).get(i);
            input.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
            input.sendKeys(values.get(i));
        }
        return this;
    }

    private WebElement visibleOrHidden(By by) {
        return browser.waitFor(d -> {
            List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        }, "an element " + by);
    }

    // ------------------------------------------------------------------ the flow table

    /** The row of the flow table whose step or sub-flow is named {@code name}. */
    static By row(String name) {
        return By.xpath("//table//tr[.//div[@data-testid=" + literal(name) + "]]");
    }

    /** The visible rows of the flow table, as "name | requirement" per row, top to bottom. */
    List<String> visibleRows() {
        List<String> rows = new ArrayList<>();
        for (WebElement row : browser.driver().findElements(By.cssSelector("table tbody tr"))) {
            if (row.isDisplayed()) {
                rows.add(row.getText().replace('\n', '|'));
            }
        }
        return rows;
    }

    /** Clicks the expand/collapse arrow of sub-flow {@code name}. */
    AdminConsole toggleSubFlow(String name) {
        return press(By.xpath("//table//tr[.//div[@data-testid=" + literal(name) + "]]//button[contains(@class,'pf-v5-c-table__toggle') or ancestor::*[contains(@class,'pf-v5-c-table__toggle')]]"));
    }

    /**
     * Drags row {@code name} by the mouse onto row {@code onto}, in small steps as a hand does (the console's
     * drag and drop reads the pointer's moves).
     */
    AdminConsole drag(String name, String onto) {
        WebElement source = visible(row(name));
        js("arguments[0].scrollIntoView({block:'center'});", source);
        WebElement target = visible(row(onto));
        int dy = target.getRect().getY() - source.getRect().getY();
        Actions actions = new Actions(browser.driver()).moveToElement(source).clickAndHold();
        int steps = 8;
        for (int i = 0; i < steps; i++) {
            actions = actions.moveByOffset(0, dy / steps).pause(Duration.ofMillis(100));
        }
        actions.moveByOffset(0, -5).pause(Duration.ofMillis(300)).release().perform();
        return this;
    }

    /** Sets the requirement of row {@code name} with its dropdown. */
    AdminConsole requirement(String name, String requirement) {
        press(By.xpath("//table//tr[.//div[@data-testid=" + literal(name) + "]]//button[contains(@class,'keycloak__authentication__requirement-dropdown')]"));
        press(By.xpath("//*[@role='option'][normalize-space(.)=" + literal(requirement) + "]"));
        browser.waitFor(d -> {
            try {
                return d.findElement(row(name)).getText().contains(requirement);
            } catch (WebDriverException e) {
                return false;
            }
        }, "'" + name + "' " + requirement);
        return this;
    }

    /** The gear (aria-label Settings) of row {@code name}. */
    AdminConsole gear(String name) {
        press(By.xpath("//table//tr[.//div[@data-testid=" + literal(name) + "]]//button[@aria-label='Settings']"));
        modal();
        return this;
    }

    Object js(String script, Object... args) {
        return ((JavascriptExecutor) browser.driver()).executeScript(script, args);
    }

    /** An XPath string literal for any text (quotes included). */
    static String literal(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static String cssString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
