package io.github.jitprovisioning.members;

import io.github.jitprovisioning.audit.PortalAudit;
import io.github.jitprovisioning.core.members.InactivityRule;
import io.github.jitprovisioning.core.members.MemberOrigin;
import io.github.jitprovisioning.provisioning.OrganizationRowLock;
import jakarta.persistence.EntityManager;
import org.jboss.logging.Logger;
import org.keycloak.common.ClientConnection;
import org.keycloak.common.util.Time;
import org.keycloak.connections.jpa.JpaConnectionProvider;
import org.keycloak.events.admin.OperationType;
import org.keycloak.events.admin.ResourceType;
import org.keycloak.models.ClientModel;
import org.keycloak.models.Constants;
import org.keycloak.models.KeycloakSession;
import org.keycloak.models.KeycloakSessionFactory;
import org.keycloak.models.OrganizationModel;
import org.keycloak.models.RealmModel;
import org.keycloak.models.UserModel;
import org.keycloak.models.utils.KeycloakModelUtils;
import org.keycloak.organization.OrganizationProvider;
import org.keycloak.services.resources.admin.AdminAuth;
import org.keycloak.services.resources.admin.AdminEventBuilder;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One run of the inactivity rule over every organization whose rule is on: gives members without a row one
 * ({@code unknown}, their clock starting now), then, where the rule is {@code enforce}, removes at most {@code batch}
 * due members, each in a transaction of its own that looks again (a member who signed in meanwhile, or whom another
 * run removed, is left alone). Runs on Keycloak's timer, never inside a login.
 */
final class InactivitySweep {

    static final String ACTOR = "jit-inactivity-rule";
    private static final Logger LOG = Logger.getLogger(InactivitySweep.class);

    private final KeycloakSessionFactory factory;
    private final int batch;

    InactivitySweep(KeycloakSessionFactory factory, int batch) {
        this.factory = factory;
        this.batch = batch;
    }

    /** A due member found by the run; removed (or not) in a transaction of its own. */
    private record Due(String realmId, String organizationId, String userId) {
    }

    void run(KeycloakSession session) {
        List<Due> due = new ArrayList<>();
        session.realms().getRealmsStream().filter(RealmModel::isOrganizationsEnabled).toList().forEach(realm -> {
            session.getContext().setRealm(realm);
            OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
            if (organizations == null) {
                return;
            }
            // only organizations whose rule is on (Keycloak's attribute search), not every organization of the realm
            java.util.stream.Stream.of(InactivityRule.Mode.REPORT_ONLY, InactivityRule.Mode.ENFORCE)
                    .flatMap(mode -> organizations.getAllStream(Map.of(InactivityRule.MODE, mode.code()), null, null))
                    .toList().forEach(organization -> {
                InactivityRule rule = MemberSettings.of(realm, organization).rule();
                if (rule.mode() == InactivityRule.Mode.OFF) {
                    return;
                }
                recordUnseen(session, realm, organizations, organization);
                if (rule.mode() == InactivityRule.Mode.ENFORCE && due.size() < batch) {
                    dueMembers(session, organization.getId(), rule.dueBound(Time.currentTimeMillis()), batch - due.size())
                            .forEach(userId -> due.add(new Due(realm.getId(), organization.getId(), userId)));
                }
            });
        });
        for (Due member : due) {
            try {
                KeycloakModelUtils.runJobInTransaction(factory, s -> remove(s, member));
            } catch (RuntimeException e) {
                LOG.warnf(e, "JIT inactivity rule: removing user %s from organization %s failed; the next run tries again",
                        member.userId(), member.organizationId());
            }
        }
    }

    /** Members without a row get one ({@code unknown}): the rule's clock starts when it first sees them. */
    private static void recordUnseen(KeycloakSession session, RealmModel realm, OrganizationProvider organizations,
                                     OrganizationModel organization) {
        MemberRecords records = new MemberRecords(session);
        long now = Time.currentTimeMillis();
        for (int first = 0; ; first += 500) {
            List<UserModel> members = organizations.getMembersStream(organization, (String) null, false, first, 500).toList();
            Set<String> known = new HashSet<>(records.of(organization.getId(),
                    members.stream().map(UserModel::getId).toList()).keySet());
            members.stream().filter(m -> !known.contains(m.getId())).forEach(m ->
                    records.recordJoinIfAbsent(realm.getId(), organization.getId(), m.getId(), MemberOrigin.UNKNOWN, now));
            if (members.size() < 500) {
                return;
            }
        }
    }

    private static List<String> dueMembers(KeycloakSession session, String organizationId, long bound, int max) {
        EntityManager em = session.getProvider(JpaConnectionProvider.class).getEntityManager();
        return em.createNamedQuery("jitMembersDue", String.class).setParameter("organizationId", organizationId)
                .setParameter("bound", bound).setMaxResults(max).getResultList();
    }

    private static void remove(KeycloakSession session, Due due) {
        RealmModel realm = session.realms().getRealm(due.realmId());
        if (realm == null) {
            return;
        }
        session.getContext().setRealm(realm);
        OrganizationProvider organizations = session.getProvider(OrganizationProvider.class);
        OrganizationModel organization = organizations.getById(due.organizationId());
        if (organization == null) {
            return;
        }
        // under the organization's row lock before reading the record: a run of another node that removed this member
        // (its run outlived the task's cluster lock) has committed, and its removal deleted the record
        if (!OrganizationRowLock.lock(session, organization.getId())) {
            return;
        }
        MemberSettings settings = MemberSettings.of(realm, organization);
        InactivityRule rule = settings.rule();
        JitMemberEntity row = new MemberRecords(session).find(organization.getId(), due.userId());
        long now = Time.currentTimeMillis();
        if (rule.mode() != InactivityRule.Mode.ENFORCE || row == null
                || rule.removalDueAt(row.getLastSignInAt(), row.getOriginAt()) > now) {
            return; // turned off, removed, or signed in since the run looked
        }
        MemberRemoval.Outcome outcome = new MemberRemoval(session, realm).remove(organization, due.userId(),
                settings.adminGroup(session, organization), settings.options().deleteAccounts(),
                "inactive for " + rule.days() + " days");
        if (!outcome.removed()) {
            LOG.debugf("JIT inactivity rule: user %s of organization %s not removed: %s", due.userId(),
                    organization.getAlias(), outcome.refusal());
            return;
        }
        adminEvent(session, realm).resource(ResourceType.ORGANIZATION_MEMBERSHIP).operation(OperationType.DELETE)
                .resourcePath("organizations", organization.getId(), "members", due.userId())
                .representation(outcome.done()).detail("jit_actor", ACTOR).success();
        PortalAudit.afterCommit(session, realm.getName(), organization.getId(), ACTOR, "member.remove.inactive",
                new java.util.LinkedHashMap<>(outcome.done()));
        LOG.infof("JIT inactivity rule: removed user %s from organization '%s' of realm '%s' (no SSO sign-in for %d days)",
                due.userId(), organization.getAlias(), realm.getName(), rule.days());
    }

    /** An admin event whose actor is the rule itself (user id {@value #ACTOR}, client realm-management). */
    private static AdminEventBuilder adminEvent(KeycloakSession session, RealmModel realm) {
        UserModel actor = (UserModel) Proxy.newProxyInstance(InactivitySweep.class.getClassLoader(),
                new Class<?>[]{UserModel.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getId", "getUsername", "toString" -> ACTOR;
                    case "hashCode" -> ACTOR.hashCode();
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
        ClientModel client = realm.getClientByClientId(Constants.REALM_MANAGEMENT_CLIENT_ID);
        ClientConnection local = new ClientConnection() {
            @Override
            public String getRemoteAddr() {
                return "127.0.0.1";
            }
        };
        return new AdminEventBuilder(realm, new AdminAuth(realm, null, actor, client), session, local);
    }

}
