package io.github.jitprovisioning.sso.fetch;

import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.core.sso.InvalidDocumentException;
import io.github.jitprovisioning.core.sso.SamlMetadata;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Parses XML from a customer (SAML IdP metadata) with the JDK's parser and nothing dangerous on: a DOCTYPE is
 * refused outright (so no DTD, no internal or external entity, no entity expansion), XInclude off, external DTD
 * and schema access off, secure processing on, namespace aware. Free of Keycloak.
 */
public final class SafeXml {

    static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    static final String SAML2_PROTOCOL = "urn:oasis:names:tc:SAML:2.0:protocol";

    private static final String DOCTYPE_MESSAGE = "The XML has a DOCTYPE declaration. The server does not read DTDs"
            + " or entities in documents from outside (they can make the server read its own files or exhaust its"
            + " memory); SAML metadata needs none: remove the <!DOCTYPE ...> part.";

    private SafeXml() {
    }

    /**
     * @throws InvalidDocumentException {@link InvalidDocumentException#DOCTYPE} for any DOCTYPE,
     *                                  {@link InvalidDocumentException#NOT_XML} for XML that is not well-formed
     */
    public static Document parse(byte[] xml) throws InvalidDocumentException {
        if (xml == null || xml.length == 0) {
            throw new InvalidDocumentException(InvalidDocumentException.NOT_XML, "The document is empty.");
        }
        if (hasDoctype(xml)) {
            throw new InvalidDocumentException(InvalidDocumentException.DOCTYPE, DOCTYPE_MESSAGE);
        }
        try {
            DocumentBuilder builder = factory().newDocumentBuilder();
            builder.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not read");
            });
            builder.setErrorHandler(SILENT);
            InputSource source = new InputSource(new ByteArrayInputStream(xml));
            return builder.parse(source);
        } catch (SAXParseException e) {
            if (String.valueOf(e.getMessage()).contains("DOCTYPE")) {
                throw new InvalidDocumentException(InvalidDocumentException.DOCTYPE, DOCTYPE_MESSAGE);
            }
            throw new InvalidDocumentException(InvalidDocumentException.NOT_XML, "The document is not well-formed XML"
                    + " (at line " + e.getLineNumber() + ", column " + e.getColumnNumber() + "). Check that it is your"
                    + " IdP's metadata and not a sign-in or error page.");
        } catch (SAXException | IOException e) {
            throw new InvalidDocumentException(InvalidDocumentException.NOT_XML, "The document could not be read as"
                    + " XML.");
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("the JDK's XML parser lacks a security feature", e);
        }
    }

    /**
     * Reads SAML 2.0 IdP metadata: an EntityDescriptor (or the first EntityDescriptor with an IDPSSODescriptor in
     * an EntitiesDescriptor) and its IDPSSODescriptor: entityID, SingleSignOnService and SingleLogoutService by
     * binding, signing certificates, NameIDFormats, WantAuthnRequestsSigned.
     *
     * @throws InvalidDocumentException as {@link #parse}, or {@link InvalidDocumentException#INVALID_METADATA}
     */
    public static SamlMetadata samlMetadata(byte[] xml, FetchPolicy policy) throws InvalidDocumentException {
        if (xml != null && xml.length > policy.maxBytes()) {
            throw invalid("The metadata is larger than " + Sizes.words(policy.maxBytes()) + ", the most the server"
                    + " reads.");
        }
        Element root = parse(xml).getDocumentElement();
        if (!MD.equals(root.getNamespaceURI())
                || !("EntityDescriptor".equals(root.getLocalName()) || "EntitiesDescriptor".equals(root.getLocalName()))) {
            throw invalid("The document is XML but not SAML 2.0 metadata: its root element is <" + root.getTagName()
                    + ">, not an EntityDescriptor of " + MD + ".");
        }
        List<Element> idps = new ArrayList<>();
        Element entity = null;
        for (Element candidate : entityDescriptors(root)) {
            Element idp = idpDescriptor(candidate);
            if (idp != null) {
                idps.add(idp);
                if (entity == null) {
                    entity = candidate;
                }
            }
        }
        if (idps.isEmpty()) {
            throw invalid("The metadata has no IDPSSODescriptor supporting SAML 2.0: it does not describe an identity"
                    + " provider (is it a service provider's metadata?).");
        }
        if (idps.size() > 1) {
            throw invalid("The metadata describes " + idps.size() + " identity providers; upload or link the metadata"
                    + " of the one identity provider to connect.");
        }
        Element idp = idps.get(0);
        Map<String, String> sso = locations(idp, "SingleSignOnService");
        Map<String, String> slo = locations(idp, "SingleLogoutService");
        List<String> certificates = new ArrayList<>();
        for (Element key : children(idp, MD, "KeyDescriptor")) {
            String use = key.getAttribute("use");
            if (use.isEmpty() || "signing".equals(use)) {
                NodeList certs = key.getElementsByTagNameNS(DS, "X509Certificate");
                for (int i = 0; i < certs.getLength(); i++) {
                    certificates.add(certs.item(i).getTextContent());
                }
            }
        }
        List<String> formats = new ArrayList<>();
        for (Element format : children(idp, MD, "NameIDFormat")) {
            formats.add(format.getTextContent());
        }
        String want = idp.getAttribute("WantAuthnRequestsSigned").strip();
        boolean wantSigned = "true".equals(want) || "1".equals(want);
        return SamlMetadata.of(entity.getAttribute("entityID"), sso, slo, certificates, formats, wantSigned, policy);
    }

    private static List<Element> entityDescriptors(Element root) {
        List<Element> found = new ArrayList<>();
        if ("EntityDescriptor".equals(root.getLocalName())) {
            found.add(root);
            return found;
        }
        NodeList all = root.getElementsByTagNameNS(MD, "EntityDescriptor");
        for (int i = 0; i < all.getLength(); i++) {
            found.add((Element) all.item(i));
        }
        return found;
    }

    private static Element idpDescriptor(Element entity) {
        for (Element idp : children(entity, MD, "IDPSSODescriptor")) {
            for (String protocol : idp.getAttribute("protocolSupportEnumeration").strip().split("\\s+")) {
                if (SAML2_PROTOCOL.equals(protocol)) {
                    return idp;
                }
            }
        }
        return null;
    }

    /** Location of the first service of each binding. */
    private static Map<String, String> locations(Element idp, String service) {
        Map<String, String> byBinding = new LinkedHashMap<>();
        for (Element element : children(idp, MD, service)) {
            byBinding.putIfAbsent(element.getAttribute("Binding").strip(), element.getAttribute("Location"));
        }
        return byBinding;
    }

    private static List<Element> children(Element parent, String namespace, String localName) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE && namespace.equals(n.getNamespaceURI())
                    && localName.equals(n.getLocalName())) {
                found.add((Element) n);
            }
        }
        return found;
    }

    private static InvalidDocumentException invalid(String message) {
        return new InvalidDocumentException(InvalidDocumentException.INVALID_METADATA, message);
    }

    private static DocumentBuilderFactory factory() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        factory.setValidating(false);
        return factory;
    }

    /**
     * A DOCTYPE before the root element, in any of the encodings an XML document may use without a byte order mark
     * or with one (UTF-8, ISO-8859-1, UTF-16 both orders). The parser's disallow-doctype-decl feature refuses it as
     * well; this check only gives the refusal its own words.
     */
    private static boolean hasDoctype(byte[] xml) {
        String[] views = {
            new String(xml, StandardCharsets.ISO_8859_1),
            new String(xml, StandardCharsets.UTF_16BE),
            new String(xml, StandardCharsets.UTF_16LE),
        };
        for (String view : views) {
            if (view.contains("<!DOCTYPE")) {
                return true;
            }
        }
        return false;
    }

    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
            // ignored
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };
}
