package io.github.jitprovisioning.sync;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
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
 * The attributes of a SAML assertion, by name and by friendly name, read only where Keycloak's own attribute
 * importers read them: the {@code Attribute} children of the assertion's top-level {@code AttributeStatement}s,
 * never an attribute nested deeper (in {@code Advice}, an assertion inside an attribute value, a signature's
 * {@code Object} or any other element that an IdP's signature may not cover). The assertion arrives as Keycloak's SAML
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
            Element assertion = document.getDocumentElement();
            if (!isAssertionElement(assertion, "Assertion")) {
                throw new IllegalStateException("the document is not a SAML assertion");
            }
            for (Element statement : children(assertion, "AttributeStatement")) {
                for (Element attribute : children(statement, "Attribute")) {
                    List<String> values = new ArrayList<>();
                    for (Element value : children(attribute, "AttributeValue")) {
                        values.add(value.getTextContent());
                    }
                    attributes.add(attribute.getAttribute("Name"), values);
                    attributes.add(attribute.getAttribute("FriendlyName"), values);
                }
            }
        } catch (Exception e) {
            throw new IllegalStateException("unreadable SAML assertion: " + e.getClass().getSimpleName(), e);
        }
        return attributes;
    }

    /** The child elements of {@code parent} named {@code name} in the SAML assertion namespace, in order (not deeper). */
    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && isAssertionElement(element, name)) {
                found.add(element);
            }
        }
        return found;
    }

    private static boolean isAssertionElement(Element element, String name) {
        return ASSERTION_NS.equals(element.getNamespaceURI()) && name.equals(element.getLocalName());
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
