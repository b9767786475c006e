package io.github.jitprovisioning.sync;

import io.github.jitprovisioning.core.sync.SyncMapping;
import org.junit.jupiter.api.Test;
import org.keycloak.models.IdentityProviderMapperModel;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SyncConfigTest {

    private static IdentityProviderMapperModel mapper(Map<String, String> config) {
        IdentityProviderMapperModel model = new IdentityProviderMapperModel();
        model.setName("profile sync");
        model.setIdentityProviderAlias("acme-sso");
        model.setIdentityProviderMapper(ProfileSyncMapper.PROVIDER_ID);
        model.setConfig(config);
        return model;
    }

    @Test
    void mapperWithoutConfigSyncsTheDefaultsAndClearsNothing() {
        SyncConfig config = SyncConfig.of(mapper(null));

        assertThat(config.mappings()).isEqualTo(SyncMapping.DEFAULTS);
        assertThat(config.clearMissing()).isFalse();
    }

    @Test
    void pairsAreReadInTheOrderTheAdminConsoleStoresThem() {
        Map<String, String> settings = new HashMap<>();
        settings.put(SyncConfig.CLAIM_TO_ATTRIBUTE,
                "[{\"key\":\"nickname\",\"value\":\"firstName\"},{\"key\":\"department\",\"value\":\"department\"},"
                        + "{\"key\":\"given_name\",\"value\":\"firstName\"}]");
        settings.put(SyncConfig.CLEAR_MISSING, "true");

        SyncConfig config = SyncConfig.of(mapper(settings));

        assertThat(config.mappings()).containsExactly(
                new SyncMapping("nickname", "firstName"),
                new SyncMapping("department", "department"),
                new SyncMapping("given_name", "firstName"),
                new SyncMapping("email", "email"),
                new SyncMapping("family_name", "lastName"));
        assertThat(config.clearMissing()).isTrue();
    }

    @Test
    void unreadablePairsFallBackToTheDefaults() {
        SyncConfig config = SyncConfig.of(mapper(Map.of(SyncConfig.CLAIM_TO_ATTRIBUTE, "department=department")));

        assertThat(config.mappings()).isEqualTo(SyncMapping.DEFAULTS);
    }

    @Test
    void maxValuesDefaultsToTenAndReadsAWholeNumberFromOneToAThousand() {
        assertThat(SyncConfig.of(mapper(null)).limits().maxValues()).isEqualTo(10);
        assertThat(SyncConfig.of(mapper(Map.of(SyncConfig.MAX_VALUES, " 3 "))).limits().maxValues()).isEqualTo(3);
        assertThat(SyncConfig.of(mapper(Map.of(SyncConfig.MAX_VALUES, "1000"))).limits().maxValues()).isEqualTo(1000);
        for (String bad : new String[] {"0", "-1", "1001", "ten", "2.5", "99999999999"}) {
            assertThat(SyncConfig.of(mapper(Map.of(SyncConfig.MAX_VALUES, bad))).limits().maxValues()).as(bad)
                    .isEqualTo(10);
        }
    }

    @Test
    void writeProtectedAttributesAreReadFromKeycloaksMultivaluedFormat() {
        assertThat(SyncConfig.of(mapper(null)).writeProtected()).isEmpty();
        assertThat(SyncConfig.of(mapper(Map.of(SyncConfig.WRITE_PROTECTED, "department##lastName, costCenter")))
                .writeProtected()).containsExactlyInAnyOrder("department", "lastName", "costCenter");
    }
}
