package io.github.jitprovisioning.it.harness;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Just enough HTML reading for Keycloak's login pages (no JavaScript, server-rendered forms): the forms of a
 * page with their id, action and the values a browser would submit. Not a general HTML parser.
 */
public final class HtmlForms {

    /** One form: its id (may be empty), its action with entities unescaped, and the fields a browser would post. */
    public record Form(String id, String method, String action, Map<String, String> fields) {
        public boolean hasField(String name) {
            return fields.containsKey(name);
        }
    }

    private static final Pattern FORM = Pattern.compile("<form\\b([^>]*)>(.*?)</form>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern INPUT = Pattern.compile("<input\\b([^>]*)>", Pattern.CASE_INSENSITIVE);
    private static final Pattern SELECT = Pattern.compile("<select\\b([^>]*)>(.*?)</select>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern OPTION = Pattern.compile("<option\\b([^>]*)>(.*?)</option>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern TEXTAREA = Pattern.compile("<textarea\\b([^>]*)>(.*?)</textarea>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
    private static final Pattern ATTRIBUTE = Pattern.compile("([a-zA-Z_:][-a-zA-Z0-9_:.]*)(?:\\s*=\\s*(?:\"([^\"]*)\"|'([^']*)'|([^\\s\"'>]+)))?");
    private static final Pattern TITLE = Pattern.compile("<title>(.*?)</title>", Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    private HtmlForms() {
    }

    public static List<Form> parse(String html) {
        List<Form> forms = new ArrayList<>();
        if (html == null) {
            return forms;
        }
        Matcher form = FORM.matcher(html);
        while (form.find()) {
            Map<String, String> attributes = attributes(form.group(1));
            String body = form.group(2);
            Map<String, String> fields = new LinkedHashMap<>();
            Matcher input = INPUT.matcher(body);
            while (input.find()) {
                Map<String, String> a = attributes(input.group(1));
                String name = a.get("name");
                String type = a.getOrDefault("type", "text").toLowerCase(Locale.ROOT);
                if (name == null || a.containsKey("disabled")
                        || List.of("submit", "button", "reset", "image", "file").contains(type)
                        || ((type.equals("checkbox") || type.equals("radio")) && !a.containsKey("checked"))) {
                    continue;
                }
                fields.put(name, a.getOrDefault("value", type.equals("checkbox") ? "on" : ""));
            }
            Matcher select = SELECT.matcher(body);
            while (select.find()) {
                String name = attributes(select.group(1)).get("name");
                if (name == null) {
                    continue;
                }
                String chosen = null;
                Matcher option = OPTION.matcher(select.group(2));
                while (option.find()) {
                    Map<String, String> a = attributes(option.group(1));
                    String value = a.getOrDefault("value", unescape(option.group(2).trim()));
                    if (chosen == null || a.containsKey("selected")) {
                        chosen = value;
                    }
                }
                fields.put(name, chosen == null ? "" : chosen);
            }
            Matcher textarea = TEXTAREA.matcher(body);
            while (textarea.find()) {
                String name = attributes(textarea.group(1)).get("name");
                if (name != null) {
                    fields.put(name, unescape(textarea.group(2)));
                }
            }
            forms.add(new Form(attributes.getOrDefault("id", ""), attributes.getOrDefault("method", "get").toLowerCase(Locale.ROOT),
                    attributes.getOrDefault("action", ""), fields));
        }
        return forms;
    }

    /** The text of the page's {@code <title>}, if any. */
    public static Optional<String> title(String html) {
        if (html == null) {
            return Optional.empty();
        }
        Matcher title = TITLE.matcher(html);
        return title.find() ? Optional.of(unescape(title.group(1).trim())) : Optional.empty();
    }

    static Map<String, String> attributes(String tagInside) {
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher m = ATTRIBUTE.matcher(tagInside);
        while (m.find()) {
            String value = m.group(2) != null ? m.group(2) : m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : "";
            attributes.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), unescape(value));
        }
        return attributes;
    }

    /** Unescapes the entities Keycloak's templates produce: named basics and numeric references. */
    static String unescape(String text) {
        if (text.indexOf('&') < 0) {
            return text;
        }
        Matcher m = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|lt|gt|quot|apos|nbsp);").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String entity = m.group(1);
            String replacement = switch (entity) {
                case "amp" -> "&";
                case "lt" -> "<";
                case "gt" -> ">";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "nbsp" -> "\u00a0";
                default -> new String(Character.toChars(entity.startsWith("#x")
                        ? Integer.parseInt(entity.substring(2), 16) : Integer.parseInt(entity.substring(1))));
            };
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
