package io.github.jitprovisioning.sync;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SamlAttributesTest {

    private static final String ASSERTION = """
            <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="a1" Version="2.0">
              <saml:AttributeStatement>
                <saml:Attribute Name="urn:oid:2.5.4.42" FriendlyName="givenName"
                    NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri">
                  <saml:AttributeValue>Ann</saml:AttributeValue>
                </saml:Attribute>
                <saml:Attribute Name="department">
                  <saml:AttributeValue>Sales</saml:AttributeValue>
                </saml:Attribute>
                <saml:Attribute Name="Role">
                  <saml:AttributeValue>red</saml:AttributeValue>
                  <saml:AttributeValue>blue</saml:AttributeValue>
                </saml:Attribute>
              </saml:AttributeStatement>
            </saml:Assertion>
            """;

    @Test
    void attributeIsFoundByNameAndByFriendlyName() {
        SamlAttributes attributes = SamlAttributes.parse(ASSERTION);

        assertThat(attributes.get("urn:oid:2.5.4.42")).containsExactly("Ann");
        assertThat(attributes.get("givenName")).containsExactly("Ann");
        assertThat(attributes.get("department")).containsExactly("Sales");
    }

    @Test
    void multiValuedAttributeKeepsItsValuesInOrder() {
        assertThat(SamlAttributes.parse(ASSERTION).get("Role")).containsExactly("red", "blue");
    }

    @Test
    void absentAttributeHasNoValues() {
        assertThat(SamlAttributes.parse(ASSERTION).get("email")).isEmpty();
    }

    @Test
    void documentTypeDeclarationsAreRefused() {
        String withEntity = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + "<saml:Assertion xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\">&x;</saml:Assertion>";

        assertThatThrownBy(() -> SamlAttributes.parse(withEntity)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void onlyTheAssertionsTopLevelAttributeStatementCounts() {
        String nested = """
                <saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
                    xmlns:ds="http://www.w3.org/2000/09/xmldsig#" ID="a1" Version="2.0">
                  <ds:Signature><ds:Object>
                    <saml:AttributeStatement>
                      <saml:Attribute Name="email"><saml:AttributeValue>ceo@acme.com</saml:AttributeValue></saml:Attribute>
                    </saml:AttributeStatement>
                  </ds:Object></ds:Signature>
                  <saml:Advice>
                    <saml:Assertion ID="a2" Version="2.0">
                      <saml:AttributeStatement>
                        <saml:Attribute Name="department"><saml:AttributeValue>Board</saml:AttributeValue></saml:Attribute>
                      </saml:AttributeStatement>
                    </saml:Assertion>
                  </saml:Advice>
                  <saml:AttributeStatement>
                    <saml:Attribute Name="department">
                      <saml:AttributeValue>Sales</saml:AttributeValue>
                    </saml:Attribute>
                    <saml:Attribute Name="note">
                      <saml:AttributeValue><saml:Attribute Name="email"><saml:AttributeValue>x@evil.test</saml:AttributeValue></saml:Attribute></saml:AttributeValue>
                    </saml:Attribute>
                  </saml:AttributeStatement>
                </saml:Assertion>
                """;

        SamlAttributes attributes = SamlAttributes.parse(nested);

        assertThat(attributes.get("department")).containsExactly("Sales");
        assertThat(attributes.get("email")).isEmpty();
    }

    @Test
    void documentThatIsNotAnAssertionIsRefused() {
        assertThatThrownBy(() -> SamlAttributes.parse(
                "<saml:AttributeStatement xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\"/>"))
                .isInstanceOf(IllegalStateException.class);
    }
}
