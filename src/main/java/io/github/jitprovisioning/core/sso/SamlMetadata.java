package io.github.jitprovisioning.core.sso;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

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
        if (entityId == null || entityId.isBlank()) {
            throw new InvalidDocumentException(INVALID, "The metadata has no entityID on its EntityDescriptor.");
        }
        if (entityId.length() > 1024) {
            throw new InvalidDocumentException(INVALID, "The metadata's entityID is longer than 1024 characters.");
        }
        URI ssoPost = location("SingleSignOnService (HTTP-POST)", ssoByBinding.get(BINDING_POST), policy);
        URI ssoRedirect = location("SingleSignOnService (HTTP-Redirect)", ssoByBinding.get(BINDING_REDIRECT), policy);
        if (ssoPost == null && ssoRedirect == null) {
            throw new InvalidDocumentException(INVALID, "The metadata has no SingleSignOnService with the HTTP-POST or"
                    + " HTTP-Redirect binding; the server needs one of them to send users to your IdP.");
        }
        URI sloPost = location("SingleLogoutService (HTTP-POST)", sloByBinding.get(BINDING_POST), policy);
        URI sloRedirect = location("SingleLogoutService (HTTP-Redirect)", sloByBinding.get(BINDING_REDIRECT), policy);
        if (certificates.isEmpty()) {
            throw new InvalidDocumentException(INVALID, "The metadata has no signing certificate (a KeyDescriptor with"
                    + " an X509Certificate); the server needs it to check that sign-ins really come from your IdP.");
        }
        List<X509Certificate> certs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        int n = 0;
        for (String text : certificates) {
            n++;
            X509Certificate cert = certificate(text, n);
            if (seen.add(Base64.getEncoder().encodeToString(encoded(cert)))) {
                certs.add(cert);
            }
        }
        List<String> formats = new ArrayList<>();
        for (String format : nameIdFormats) {
            if (format != null && !format.isBlank() && !formats.contains(format.strip())) {
                formats.add(format.strip());
            }
        }
        return new SamlMetadata(entityId.strip(), ssoPost, ssoRedirect, sloPost, sloRedirect, certs, formats,
                wantAuthnRequestsSigned);
    }

    private static final String INVALID = InvalidDocumentException.INVALID_METADATA;

    private static URI location(String what, String value, FetchPolicy policy) throws InvalidDocumentException {
        if (value == null || value.isBlank()) {
            return null;
        }
        return Endpoints.check("The metadata's " + what + " Location", value, policy, INVALID);
    }

    private static X509Certificate certificate(String text, int n) throws InvalidDocumentException {
        String compact = text == null ? "" : text.replaceAll("\\s", "");
        byte[] der;
        try {
            der = Base64.getDecoder().decode(compact);
        } catch (IllegalArgumentException e) {
            throw new InvalidDocumentException(INVALID, "Signing certificate " + n + " of the metadata is not base64"
                    + " text.");
        }
        try {
            Certificate cert = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
            return (X509Certificate) cert;
        } catch (CertificateException | ClassCastException e) {
            throw new InvalidDocumentException(INVALID, "Signing certificate " + n + " of the metadata is not an X.509"
                    + " certificate.");
        }
    }

    private static byte[] encoded(X509Certificate cert) {
        try {
            return cert.getEncoded();
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The signing certificates as base64 DER (no PEM armour, no line breaks), e.g. for Keycloak's config. */
    public List<String> signingCertificatesBase64() {
        List<String> texts = new ArrayList<>();
        for (X509Certificate cert : signingCertificates) {
            texts.add(Base64.getEncoder().encodeToString(encoded(cert)));
        }
        return texts;
    }
}
