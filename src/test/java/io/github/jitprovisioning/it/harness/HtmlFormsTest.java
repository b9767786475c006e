package io.github.jitprovisioning.it.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

class HtmlFormsTest {

    @Test
    void actionIsUnescapedAndSubmitButtonsAndUncheckedBoxesAreLeftOut() {
        String html = """
                <form id="kc-form-login" onsubmit="login.disabled = true; return true;"
                      action="http://localhost/realms/idp/login-actions/authenticate?session_code=a&amp;execution=b" method="post">
                  <input tabindex="2" id="username" name="username" value="" type="text" autofocus autocomplete="username">
                  <input id="password" name="password" type="password">
                  <input type="hidden" id="id-hidden-input" name="credentialId"/>
                  <input type="checkbox" name="rememberMe">
                  <input type="submit" name="login" value="Sign In">
                </form>""";

        List<HtmlForms.Form> forms = HtmlForms.parse(html);

        assertThat(forms).hasSize(1);
        assertThat(forms.get(0).id()).isEqualTo("kc-form-login");
        assertThat(forms.get(0).action()).isEqualTo("http://localhost/realms/idp/login-actions/authenticate?session_code=a&execution=b");
        assertThat(forms.get(0).fields()).containsOnlyKeys("username", "password", "credentialId");
    }

    @Test
    void selectedOptionAndEscapedValuesAreSubmitted() {
        String html = """
                <form id="f" action="/x" method="post">
                  <input name="email" value="a&#43;b@x.test">
                  <select name="locale"><option value="en">English</option><option value="de" selected>Deutsch</option></select>
                </form>""";

        assertThat(HtmlForms.parse(html).get(0).fields()).containsEntry("email", "a+b@x.test").containsEntry("locale", "de");
    }
}
