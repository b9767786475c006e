package io.github.jitprovisioning.sync;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The attributes of a SAML assertion, by name and by friendly name. The assertion arrives as Keycloak's SAML
 * model type, whose classes ({@code keycloak-saml-core-public}) are not published on Maven Central for 26.7.3;
 * so it is read in its XML form, as the IdP's own data marshaller writes it, with the JDK's parser (DTDs and
 * external entities off).
 */
final class SamlAttributes {

    private static final String ASSERTION_NS = "urn:oasis:names:tc:SAML:2.0:assertion";

    private final Map<String, List<String>> byName = new LinkedHashMap<>();

    private SamlAttributes() {
    }

    static SamlAttributes parse(String assertionXml) {
        SamlAttributes attributes = new SamlAttributes();
        try {
            Document document = builder().parse(new InputSource(new StringReader(assertionXml)));
            NodeList nodes = document.getElementsByTagNameNS(ASSERTION_NS, "Attribute");
            for (int i = 0; i < nodes.getLength(); i++) {
                Element attribute = (Element) nodes.item(i);
                List<String> values = new ArrayList<>();
                NodeList valueNodes = attribute.getElementsByTagNameNS(ASSERTION_NS, "AttributeValue");
                for (int j = 0; j < valueNodes.getLength(); j++) {
                    values.add(valueNodes.item(j).getTextContent());
                }
                attributes.add(attribute.getAttribute("Name"), values);
                attributes.add(attribute.getAttribute("FriendlyName"), values);
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable SAML assertion: " + e.getClass().getSimpleName(), e);
        }
        return attributes;
    }

    private void add(String name, List<String> values) {
        if (name != null && !name.isEmpty()) {
            byName.computeIfAbsent(name, n -> new ArrayList<>()).addAll(values);
        }
    }

    /** The values of the attributes with this name or friendly name, in assertion order; empty when none. */
    List<String> get(String name) {
        return byName.getOrDefault(name, List.of());
    }

    private static DocumentBuilder builder() throws ParserConfigurationException {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
        factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
        factory.setXIncludeAware(false);
        factory.setExpandEntityReferences(false);
        return factory.newDocumentBuilder();
    }
}
