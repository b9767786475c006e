package io.github.jitprovisioning.sso.fetch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.jitprovisioning.core.sso.FetchPolicy;
import io.github.jitprovisioning.core.sso.InvalidDocumentException;
import io.github.jitprovisioning.core.sso.SamlMetadata;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/**
 * SafeXml and SamlMetadata on IdP metadata in the shape SimpleSAMLphp publishes (saml2/idp/metadata.php: signing and
 * encryption KeyDescriptors, a second signing key during a key rollover, SLO before NameIDFormat before SSO), and on
 * the documents an attacker would send instead.
 */
class SamlMetadataTest {

    static final SelfSignedCertificate CURRENT = SelfSignedCertificate.create("idp.example.org");
    static final SelfSignedCertificate NEXT = SelfSignedCertificate.create("idp.example.org next");
    static final SelfSignedCertificate ENCRYPTION = SelfSignedCertificate.create("idp.example.org encryption");

    static String keyDescriptor(String use, SelfSignedCertificate cert) {
        return "    <md:KeyDescriptor" + (use == null ? "" : " use=\"" + use + "\"") + ">\n"
                + "      <ds:KeyInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\">\n"
                + "        <ds:X509Data>\n"
                + "          <ds:X509Certificate>" + wrap(cert.base64()) + "</ds:X509Certificate>\n"
                + "        </ds:X509Data>\n"
                + "      </ds:KeyInfo>\n"
                + "    </md:KeyDescriptor>\n";
    }

    /** Base64 in lines of 64 characters, as many IdPs print it. */
    static String wrap(String base64) {
        return base64.replaceAll("(.{64})", "$1\n            ");
    }

    static String simpleSamlPhpIdp(String base, String keys) {
        return "<?xml version=\"1.0\"?>\n"
                + "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\""
                + " entityID=\"" + base + "/simplesaml/saml2/idp/metadata.php\">\n"
                + "  <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n"
                + keys
                + "    <md:SingleLogoutService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
                + " Location=\"" + base + "/simplesaml/saml2/idp/SingleLogoutService.php\"/>\n"
                + "    <md:NameIDFormat>urn:oasis:names:tc:SAML:2.0:nameid-format:transient</md:NameIDFormat>\n"
                + "    <md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect\""
                + " Location=\"" + base + "/simplesaml/saml2/idp/SSOService.php\"/>\n"
                + "  </md:IDPSSODescriptor>\n"
                + "  <md:ContactPerson contactType=\"technical\">\n"
                + "    <md:GivenName>Administrator</md:GivenName>\n"
                + "    <md:EmailAddress>mailto:admin@example.org</md:EmailAddress>\n"
                + "  </md:ContactPerson>\n"
                + "</md:EntityDescriptor>\n";
    }

    static SamlMetadata read(String xml, FetchPolicy policy) throws InvalidDocumentException {
        return SafeXml.samlMetadata(xml.getBytes(StandardCharsets.UTF_8), policy);
    }

    static void refused(ThrowingCallable call, String code, String messagePart) {
        assertThatThrownBy(call).isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
            assertThat(e.code()).as(e.getMessage()).isEqualTo(code);
            assertThat(e.getMessage()).contains(messagePart).doesNotContain("root:");
        });
    }

    @Test
    void simpleSamlPhpMetadataDuringAKeyRolloverGivesBothSigningCertificates() throws Exception {
        String xml = simpleSamlPhpIdp("https://idp.example.org", keyDescriptor("signing", CURRENT)
                + keyDescriptor("signing", NEXT) + keyDescriptor("encryption", ENCRYPTION));

        SamlMetadata md = read(xml, FetchPolicy.DEFAULT);

        assertThat(md.entityId()).isEqualTo("https://idp.example.org/simplesaml/saml2/idp/metadata.php");
        assertThat(md.ssoRedirect())
                .isEqualTo(URI.create("https://idp.example.org/simplesaml/saml2/idp/SSOService.php"));
        assertThat(md.ssoPost()).isNull();
        assertThat(md.sloRedirect())
                .isEqualTo(URI.create("https://idp.example.org/simplesaml/saml2/idp/SingleLogoutService.php"));
        assertThat(md.sloPost()).isNull();
        assertThat(md.signingCertificates()).containsExactly(CURRENT.certificate(), NEXT.certificate());
        assertThat(md.signingCertificatesBase64()).containsExactly(CURRENT.base64(), NEXT.base64());
        assertThat(md.nameIdFormats()).containsExactly("urn:oasis:names:tc:SAML:2.0:nameid-format:transient");
        assertThat(md.wantAuthnRequestsSigned()).isFalse();
    }

    @Test
    void postAndRedirectBindingsAKeyWithoutUseAndWantAuthnRequestsSignedAreRead() throws Exception {
        String xml = """
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="http://www.okta.com/exk1">
                  <md:IDPSSODescriptor WantAuthnRequestsSigned="true"
                      protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                %s%s    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>
                    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:unspecified</md:NameIDFormat>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
                        Location="https://acme.okta.com/app/acme/exk1/sso/saml"/>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect"
                        Location="https://acme.okta.com/app/acme/exk1/sso/saml?redirect"/>
                    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
                        Location="https://acme.okta.com/app/acme/exk1/slo/saml"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>
                """.formatted(keyDescriptor(null, CURRENT), keyDescriptor("signing", CURRENT));

        SamlMetadata md = read(xml, FetchPolicy.DEFAULT);

        assertThat(md.ssoPost()).isEqualTo(URI.create("https://acme.okta.com/app/acme/exk1/sso/saml"));
        assertThat(md.ssoRedirect()).isEqualTo(URI.create("https://acme.okta.com/app/acme/exk1/sso/saml?redirect"));
        assertThat(md.sloPost()).isEqualTo(URI.create("https://acme.okta.com/app/acme/exk1/slo/saml"));
        assertThat(md.signingCertificates()).as("the same certificate twice is kept once")
                .containsExactly(CURRENT.certificate());
        assertThat(md.nameIdFormats()).hasSize(2);
        assertThat(md.wantAuthnRequestsSigned()).isTrue();
    }

    @Test
    void oneIdpInAnEntitiesDescriptorIsFoundAmongServiceProviders() throws Exception {
        String idp = simpleSamlPhpIdp("https://idp.example.org", keyDescriptor("signing", CURRENT))
                .replace("<?xml version=\"1.0\"?>\n", "");
        String xml = "<md:EntitiesDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\">\n"
                + "<md:EntityDescriptor entityID=\"https://sp.example.org\"><md:SPSSODescriptor"
                + " protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\"/></md:EntityDescriptor>\n"
                + idp + "</md:EntitiesDescriptor>";
        assertThat(read(xml, FetchPolicy.DEFAULT).entityId())
                .isEqualTo("https://idp.example.org/simplesaml/saml2/idp/metadata.php");
        refused(() -> read(xml.replace("</md:EntitiesDescriptor>", idp + "</md:EntitiesDescriptor>"),
                FetchPolicy.DEFAULT), "invalid_metadata", "describes 2 identity providers");
    }

    // ---- what an attacker sends -------------------------------------------------------------------------------------

    static final String XXE = """
            <?xml version="1.0"?>
            <!DOCTYPE md:EntityDescriptor [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&xxe;">
              <md:IDPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol"/>
            </md:EntityDescriptor>
            """;

    static final String BILLION_LAUGHS = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [
              <!ENTITY lol "lol">
              <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
              <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
              <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
              <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
              <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
              <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
              <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
              <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
              <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
            ]>
            <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="&lol9;"/>
            """;

    @Test
    void anExternalEntityIsRefusedAsADoctypeAndNothingIsRead() {
        refused(() -> read(XXE, FetchPolicy.DEFAULT), "doctype_not_allowed", "The XML has a DOCTYPE declaration."
                + " The server does not read DTDs or entities in documents from outside");
    }

    @Test
    void billionLaughsIsRefusedAsADoctype() {
        refused(() -> read(BILLION_LAUGHS, FetchPolicy.DEFAULT), "doctype_not_allowed", "remove the <!DOCTYPE");
    }

    @Test
    void aDoctypeWithoutEntitiesIsRefusedToo() {
        String xml = simpleSamlPhpIdp("https://idp.example.org", keyDescriptor("signing", CURRENT))
                .replace("<?xml version=\"1.0\"?>\n", "<?xml version=\"1.0\"?>\n<!DOCTYPE md:EntityDescriptor>\n");
        refused(() -> read(xml, FetchPolicy.DEFAULT), "doctype_not_allowed", "DOCTYPE");
        refused(() -> SafeXml.parse(xml.getBytes(StandardCharsets.UTF_8)), "doctype_not_allowed", "DOCTYPE");
    }

    /**
     * In UTF-32 the text "<!DOCTYPE" is not in the bytes that SafeXml scans first: the parser's own
     * disallow-doctype-decl refuses it, so the first scan only words the refusal and is not the defence.
     */
    @Test
    void theParserRefusesADoctypeThatTheFirstScanCannotSee() {
        byte[] utf32 = XXE.replace("<?xml version=\"1.0\"?>", "<?xml version=\"1.0\" encoding=\"UTF-32\"?>")
                .getBytes(Charset.forName("UTF-32BE"));
        assertThatThrownBy(() -> SafeXml.samlMetadata(utf32, FetchPolicy.DEFAULT))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.code()).isEqualTo("doctype_not_allowed");
                    assertThat(e.getMessage()).doesNotContain("root:");
                });
    }

    @Test
    void xincludeIsNotProcessed() throws Exception {
        String xml = simpleSamlPhpIdp("https://idp.example.org", keyDescriptor("signing", CURRENT)).replace(
                "urn:oasis:names:tc:SAML:2.0:nameid-format:transient",
                "<xi:include xmlns:xi=\"http://www.w3.org/2001/XInclude\" href=\"file:///etc/passwd\" parse=\"text\"/>");
        SamlMetadata md = read(xml, FetchPolicy.DEFAULT);
        assertThat(md.nameIdFormats()).isEmpty();
        assertThat(md.toString()).doesNotContain("root:");
    }

    @Test
    void metadataWithoutAnIdpDescriptorIsRefused() {
        String sp = """
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" entityID="https://sp.example.org">
                  <md:SPSSODescriptor protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:AssertionConsumerService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST"
                        Location="https://sp.example.org/acs" index="0"/>
                  </md:SPSSODescriptor>
                </md:EntityDescriptor>
                """;
        refused(() -> read(sp, FetchPolicy.DEFAULT), "invalid_metadata", "The metadata has no IDPSSODescriptor"
                + " supporting SAML 2.0: it does not describe an identity provider (is it a service provider's"
                + " metadata?).");
        String saml11Only = simpleSamlPhpIdp("https://idp.example.org", keyDescriptor("signing", CURRENT))
                .replace("urn:oasis:names:tc:SAML:2.0:protocol", "urn:oasis:names:tc:SAML:1.1:protocol");
        refused(() -> read(saml11Only, FetchPolicy.DEFAULT), "invalid_metadata", "no IDPSSODescriptor");
    }

    @Test
    void missingOrBrokenPartsAreNamed() {
        String good = simpleSamlPhpIdp("https://idp.example.org", keyDescriptor("signing", CURRENT));
        refused(() -> read(good.replace(" entityID=\"https://idp.example.org/simplesaml/saml2/idp/metadata.php\"", ""),
                FetchPolicy.DEFAULT), "invalid_metadata", "The metadata has no entityID");
        refused(() -> read(simpleSamlPhpIdp("https://idp.example.org", keyDescriptor("encryption", CURRENT)),
                FetchPolicy.DEFAULT), "invalid_metadata", "The metadata has no signing certificate");
        refused(() -> read(good.replace("HTTP-Redirect\" Location=\"https://idp.example.org/simplesaml/saml2/idp/SSO",
                "SOAP\" Location=\"https://idp.example.org/simplesaml/saml2/idp/SSO"), FetchPolicy.DEFAULT),
                "invalid_metadata", "no SingleSignOnService with the HTTP-POST or HTTP-Redirect binding");
        refused(() -> read(good.replace(CURRENT.base64().substring(0, 64), "not*base64"), FetchPolicy.DEFAULT),
                "invalid_metadata", "Signing certificate 1 of the metadata is not base64 text.");
        refused(() -> read(good.replace(CURRENT.base64().substring(0, 64), "AAAA"), FetchPolicy.DEFAULT),
                "invalid_metadata", "Signing certificate 1 of the metadata is not an X.509 certificate.");
        refused(() -> read("<EntityDescriptor entityID=\"x\"/>", FetchPolicy.DEFAULT), "invalid_metadata",
                "not SAML 2.0 metadata: its root element is <EntityDescriptor>");
    }

    @Test
    void plainHttpLocationsAreRefusedUnlessTheHostIsAllowListed() throws Exception {
        String xml = simpleSamlPhpIdp("http://localhost:8081", keyDescriptor("signing", CURRENT));
        refused(() -> read(xml, FetchPolicy.DEFAULT), "invalid_metadata", "The metadata's SingleSignOnService"
                + " (HTTP-Redirect) Location uses plain http (http://localhost:8081/simplesaml/saml2/idp/"
                + "SSOService.php); the server only uses https addresses.");
        assertThat(read(xml, FetchPolicy.parse("localhost")).ssoRedirect())
                .isEqualTo(URI.create("http://localhost:8081/simplesaml/saml2/idp/SSOService.php"));
    }

    @Test
    void notXmlEmptyAndTooLargeAreRefused() {
        refused(() -> read("<html><body>Sign in", FetchPolicy.DEFAULT), "not_xml", "not well-formed XML (at line 1");
        refused(() -> SafeXml.samlMetadata(new byte[0], FetchPolicy.DEFAULT), "not_xml", "The document is empty.");
        byte[] big = new byte[(int) FetchPolicy.DEFAULT.maxBytes() + 1];
        refused(() -> SafeXml.samlMetadata(big, FetchPolicy.DEFAULT), "invalid_metadata", "larger than 1 MiB");
    }
}
