package io.github.jitprovisioning.core.sso;

import java.net.URI;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;

/**
 * What the server uses of a SAML 2.0 IdP's metadata (an EntityDescriptor with an IDPSSODescriptor). The XML is
 * parsed by {@code sso.fetch.SafeXml} (no DTD, no entities); this record holds and validates the parts.
 *
 * @param entityId                the IdP's entityID
 * @param ssoPost                 SingleSignOnService with the HTTP-POST binding, or null
 * @param ssoRedirect             SingleSignOnService with the HTTP-Redirect binding, or null (one of the two is
 *                                required)
 * @param sloPost                 SingleLogoutService with the HTTP-POST binding, or null
 * @param sloRedirect             SingleLogoutService with the HTTP-Redirect binding, or null
 * @param signingCertificates     the X.509 certificates of KeyDescriptors with use "signing" or without use, in
 *                                document order, duplicates removed; at least one (several during a rotation)
 * @param nameIdFormats           the NameIDFormat values, in document order
 * @param wantAuthnRequestsSigned the IDPSSODescriptor's WantAuthnRequestsSigned (false when absent)
 */
public record SamlMetadata(
        String entityId,
        URI ssoPost,
        URI ssoRedirect,
        URI sloPost,
        URI sloRedirect,
        List<X509Certificate> signingCertificates,
        List<String> nameIdFormats,
        boolean wantAuthnRequestsSigned) {

    public static final String BINDING_POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    public static final String BINDING_REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    public SamlMetadata {
        signingCertificates = List.copyOf(signingCertificates);
        nameIdFormats = List.copyOf(nameIdFormats);
    }

    /**
     * Validates the parts read from the XML: an entityID; a SingleSignOnService with the POST or Redirect binding;
     * every service location an absolute https URL (or http on an allow-listed host of {@code policy}); at least
     * one signing certificate, each base64 DER X.509.
     *
     * @param ssoByBinding  SingleSignOnService locations by binding URI (the first of each binding)
     * @param sloByBinding  SingleLogoutService locations by binding URI (the first of each binding)
     * @param certificates  base64 text of each signing X509Certificate element, whitespace allowed
     * @throws InvalidDocumentException {@link InvalidDocumentException#INVALID_METADATA}, in plain words
     */
    public static SamlMetadata of(
            String entityId,
            Map<String, String> ssoByBinding,
            Map<String, String> sloByBinding,
            List<String> certificates,
            List<String> nameIdFormats,
            boolean wantAuthnRequestsSigned,
            FetchPolicy policy) throws InvalidDocumentException {
        throw new UnsupportedOperationException("not yet");
    }

    /** The signing certificates as base64 DER (no PEM armour, no line breaks), e.g. for Keycloak's config. */
    public List<String> signingCertificatesBase64() {
        throw new UnsupportedOperationException("not yet");
    }
}
