package io.github.jitprovisioning.sso.fetch;

import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.core.sso.InvalidDocumentException;
import io.github.jitprovisioning.core.sso.SamlMetadata;
import org.w3c.dom.Document;

/**
 * Parses XML from a customer (SAML IdP metadata) with the JDK's parser and nothing dangerous on: a DOCTYPE is
 * refused outright (so no DTD, no internal or external entity, no entity expansion), XInclude off, external DTD
 * and schema access off, secure processing on, namespace aware. Free of Keycloak.
 */
public final class SafeXml {

    private SafeXml() {
    }

    /**
     * @throws InvalidDocumentException {@link InvalidDocumentException#DOCTYPE} for any DOCTYPE,
     *                                  {@link InvalidDocumentException#NOT_XML} for XML that is not well-formed
     */
    public static Document parse(byte[] xml) throws InvalidDocumentException {
        throw new UnsupportedOperationException("not yet");
    }

    /**
     * Reads SAML 2.0 IdP metadata: an EntityDescriptor (or the first EntityDescriptor with an IDPSSODescriptor in
     * an EntitiesDescriptor) and its IDPSSODescriptor: entityID, SingleSignOnService and SingleLogoutService by
     * binding, signing certificates, NameIDFormats, WantAuthnRequestsSigned.
     *
     * @throws InvalidDocumentException as {@link #parse}, or {@link InvalidDocumentException#INVALID_METADATA}
     */
    public static SamlMetadata samlMetadata(byte[] xml, FetchPolicy policy) throws InvalidDocumentException {
        throw new UnsupportedOperationException("not yet");
    }
}
