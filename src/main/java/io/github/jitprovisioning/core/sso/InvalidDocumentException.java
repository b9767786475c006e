package io.github.jitprovisioning.core.sso;

/**
 * A customer's IdP document (OIDC discovery document, SAML metadata) that cannot be used, with a stable code for
 * the API's {@code error} field and a message in plain words for the customer's IT admin (the exception's message).
 * The message never contains the whole document.
 */
public final class InvalidDocumentException extends Exception {

    /** Not JSON, or JSON that is not one object (OIDC discovery). */
    public static final String NOT_JSON = "not_json";
    /** The discovery document's {@code issuer} is not the issuer that was asked for. */
    public static final String ISSUER_MISMATCH = "issuer_mismatch";
    /** A discovery document that lacks a required field or has an unusable value. */
    public static final String INVALID_DISCOVERY = "invalid_discovery";
    /** Not well-formed XML. */
    public static final String NOT_XML = "not_xml";
    /** XML with a DOCTYPE (refused outright: DTDs, entities and their expansion are never processed). */
    public static final String DOCTYPE = "doctype_not_allowed";
    /** SAML metadata that lacks an IdP descriptor or a required part, or has an unusable value. */
    public static final String INVALID_METADATA = "invalid_metadata";
    /** An issuer, discovery or metadata address that is not a usable URL. */
    public static final String BAD_URL = "bad_url";

    private static final long serialVersionUID = 1L;

    private final String code;

    public InvalidDocumentException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** The stable code, e.g. {@value #ISSUER_MISMATCH}. */
    public String code() {
        return code;
    }
}
