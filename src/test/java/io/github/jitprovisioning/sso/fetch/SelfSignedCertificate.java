package io.github.jitprovisioning.sso.fetch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * A throw-away EC key and a self-signed X.509 v3 certificate for it, made in the test JVM (a few lines of DER instead
 * of a keytool process): CN and a subjectAltName of DNS "localhost" and IP 127.0.0.1, valid from an hour ago for a
 * day.
 */
record SelfSignedCertificate(KeyPair keys, X509Certificate certificate) {

    static SelfSignedCertificate create(String commonName) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            byte[] ecdsaSha256 = der(0x30, der(0x06, new byte[] {0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 4, 3, 2}));
            byte[] name = der(0x30, der(0x31, der(0x30, der(0x06, new byte[] {0x55, 4, 3}),
                    der(0x0c, commonName.getBytes(StandardCharsets.UTF_8)))));
            DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'").withZone(ZoneOffset.UTC);
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            byte[] validity = der(0x30,
                    der(0x17, utc.format(now.minus(1, ChronoUnit.HOURS)).getBytes(StandardCharsets.US_ASCII)),
                    der(0x17, utc.format(now.plus(1, ChronoUnit.DAYS)).getBytes(StandardCharsets.US_ASCII)));
            byte[] altNames = der(0x30, der(0x82, "localhost".getBytes(StandardCharsets.US_ASCII)),
                    der(0x87, new byte[] {127, 0, 0, 1}));
            byte[] extensions = der(0xa3, der(0x30, der(0x30, der(0x06, new byte[] {0x55, 29, 17}),
                    der(0x04, altNames))));
            byte[] tbs = der(0x30,
                    der(0xa0, der(0x02, new byte[] {2})),
                    der(0x02, new BigInteger(63, new java.security.SecureRandom()).add(BigInteger.ONE).toByteArray()),
                    ecdsaSha256, name, validity, name, keys.getPublic().getEncoded(), extensions);
            Signature signer = Signature.getInstance("SHA256withECDSA");
            signer.initSign(keys.getPrivate());
            signer.update(tbs);
            byte[] signature = signer.sign();
            byte[] bitString = new byte[signature.length + 1];
            System.arraycopy(signature, 0, bitString, 1, signature.length);
            byte[] cert = der(0x30, tbs, ecdsaSha256, der(0x03, bitString));
            X509Certificate x509 = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert));
            return new SelfSignedCertificate(keys, x509);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String base64() {
        try {
            return java.util.Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One DER element: tag, definite length, the contents concatenated. */
    private static byte[] der(int tag, byte[]... contents) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (byte[] c : contents) {
            body.writeBytes(c);
        }
        int length = body.size();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        if (length < 0x80) {
            out.write(length);
        } else if (length < 0x100) {
            out.write(0x81);
            out.write(length);
        } else {
            out.write(0x82);
            out.write(length >> 8);
            out.write(length);
        }
        out.writeBytes(body.toByteArray());
        return out.toByteArray();
    }
}
