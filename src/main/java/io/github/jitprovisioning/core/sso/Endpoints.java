package io.github.jitprovisioning.core.sso;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** The one rule for an endpoint found in an IdP document: an absolute https URL, http only on an allow-listed host. */
final class Endpoints {

    private Endpoints() {
    }

    /**
     * @param what  how the message names the value, e.g. {@code "token_endpoint"}
     * @param code  the error code of a refusal
     */
    static URI check(String what, String value, FetchPolicy policy, String code) throws InvalidDocumentException {
        URI uri;
        try {
            uri = new URI(value.strip());
        } catch (URISyntaxException e) {
            throw new InvalidDocumentException(code, what + " is not a valid URL (\"" + shown(value) + "\").");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.isOpaque() || uri.getHost() == null || !(scheme.equals("https")
                || scheme.equals("http"))) {
            throw new InvalidDocumentException(code, what + " must be an absolute https URL with a host name; it is \""
                    + shown(value) + "\".");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidDocumentException(code, what + " must not contain a user name or password.");
        }
        if (uri.getRawFragment() != null) {
            throw new InvalidDocumentException(code, what + " must not contain a fragment (#...); it is \""
                    + shown(value) + "\".");
        }
        if (scheme.equals("http") && !policy.allows(uri.getHost())) {
            throw new InvalidDocumentException(code, what + " uses plain http (" + shown(value) + "); the server only"
                    + " uses https addresses.");
        }
        return uri;
    }

    /** A value as it may be quoted in a message: at most 200 characters, control characters replaced. */
    static String shown(String value) {
        String v = value.length() > 200 ? value.substring(0, 200) + "..." : value;
        return v.replaceAll("\\p{Cntrl}", "?");
    }
}
