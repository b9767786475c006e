package io.github.jitprovisioning.mailbox;

import org.keycloak.TokenVerifier;
import org.keycloak.common.VerificationException;
import org.keycloak.crypto.SignatureProvider;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.RealmModel;
import org.keycloak.representations.JsonWebToken;
import org.keycloak.services.Urls;

import java.net.URI;

/**
 * Verifies a token that this realm signed (signature with the realm's keys, issuer the realm), the way Keycloak
 * verifies its organization invitation token. Whether it is still active is for the caller to decide, so that an
 * expired link can get its own page.
 */
final class SignedTokens {

    private SignedTokens() {
    }

    static <T extends JsonWebToken> T verify(KeycloakSession session, RealmModel realm, URI baseUri, String serialized,
                                             Class<T> type) throws VerificationException {
        TokenVerifier<T> verifier = TokenVerifier.create(serialized, type)
                .withChecks(new TokenVerifier.RealmUrlCheck(Urls.realmIssuer(baseUri, realm.getName())));
        // the realm's signature provider for the token's algorithm (CryptoUtils.getSignatureProvider is 26.6+)
        SignatureProvider signatures = session.getProvider(SignatureProvider.class, verifier.getHeader().getAlgorithm().name());
        if (signatures == null) {
            throw new VerificationException("no signature provider for " + verifier.getHeader().getAlgorithm().name());
        }
        verifier.verifierContext(signatures.verifier(verifier.getHeader().getKeyId()));
        return verifier.verify().getToken();
    }
}
