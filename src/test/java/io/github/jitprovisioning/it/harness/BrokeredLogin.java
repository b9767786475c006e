package io.github.jitprovisioning.it.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Drives a brokered login the way a browser without JavaScript would, over {@link HttpClient} with redirects
 * followed by hand and a {@link CookieJar} of its own:
 *
 * <ol>
 * <li>GET the app realm's authorization endpoint with {@code kc_idp_hint=<alias>};</li>
 * <li>follow redirects to the identity provider's login form and post username and password to it;</li>
 * <li>follow redirects through {@code /broker/<alias>/endpoint}, {@code /login-actions/first-broker-login} and
 * {@code /broker/after-first-broker-login} until the client's redirect URI, then redeem the code.</li>
 * </ol>
 *
 * A 200 page on the way is either an app-realm form to post back with its own values (review profile), overridden
 * by {@link #formField}, or a final page (error or block page), where the login stops. A form is posted back once:
 * if it comes back (a validation error), the login stops there. One instance can run several logins; each has its
 * own cookie jar. Configure before use; the setters return {@code this}.
 */
public final class BrokeredLogin {

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private static final Duration TIMEOUT = Duration.ofSeconds(Long.getLong("jit.it.http-timeout-seconds", 60));
    private static final int MAX_STEPS = 40;
    /** Forms of the page template that are not the page's own form. */
    private static final Set<String> TEMPLATE_FORMS = Set.of("kc-select-try-another-way-form", "kc-switch-organization-form");

    private final String baseUrl;
    private final String realm;
    private final String clientId;
    private final String clientSecret;
    private final String redirectUri;
    private String scope = "openid organization";
    private final Set<String> stopForms = new HashSet<>();
    private String password = "password";
    private String acceptLanguage;
    private final Map<String, String> formFields = new LinkedHashMap<>();
    private volatile UnaryOperator<URI> route = UnaryOperator.identity();
    private final Map<String, Runnable> beforePosting = new LinkedHashMap<>();

    public BrokeredLogin(String baseUrl, String realm, String clientId, String clientSecret, String redirectUri) {
        this.baseUrl = baseUrl;
        this.realm = realm;
        this.clientId = clientId;
        this.clientSecret = clientSecret;
        this.redirectUri = redirectUri;
    }

    /** Sent as {@code Accept-Language} on every request of the login, e.g. "de". */
    public BrokeredLogin acceptLanguage(String languages) {
        this.acceptLanguage = languages;
        return this;
    }

    /** The identity provider password of the user; default {@code password}. */
    public BrokeredLogin password(String password) {
        this.password = password;
        return this;
    }

    /** Ends the walk on a page with this form (e.g. Keycloak's confirm-link page) instead of posting it. */
    public BrokeredLogin stopAtForm(String formId) {
        this.stopForms.add(formId);
        return this;
    }

    /**
     * Runs {@code action} (for example an admin change) while the page with this app-realm form is shown, just before
     * the form is posted back: what changes between two steps of a first broker login.
     */
    public BrokeredLogin beforePosting(String formId, Runnable action) {
        this.beforePosting.put(formId, action);
        return this;
    }

    /** The requested scope; default {@code openid organization}. */
    public BrokeredLogin scope(String scope) {
        this.scope = scope;
        return this;
    }

    /** A value to submit in app-realm forms posted back (e.g. "email" on review profile), replacing the page's. */
    public BrokeredLogin formField(String name, String value) {
        formFields.put(name, value);
        return this;
    }

    /**
     * Rewrites every URL before it is requested, e.g. to send a cluster's public URL to one node. Read at each
     * request, so a test can move a paused login to another node; default: no rewriting.
     */
    public BrokeredLogin route(UnaryOperator<URI> route) {
        this.route = route;
        return this;
    }

    /**
     * Runs the login until an app-realm page shows form {@code formId} (e.g. {@code kc-idp-review-profile-form})
     * and stops there without posting it; fails with the page it ended on if it ends elsewhere.
     */
    public PausedLogin startUntilForm(String idpAlias, String username, String formId) {
        Walk walk = new Walk(idpAlias, username);
        walk.pauseAt = formId;
        LoginResult page = (LoginResult) walk.run(walk.get(authorizationUri(idpAlias)), false);
        if (!page.formIds().contains(formId)) {
            throw new IllegalStateException("login ended before form " + formId + ": " + page);
        }
        return new PausedLogin(walk, page, formId);
    }

    /** A login stopped on a form; {@link #submit()} posts the form (with the login's form fields) and goes on. */
    public static final class PausedLogin {
        private final Walk walk;
        private final LoginResult page;
        private final String formId;

        private PausedLogin(Walk walk, LoginResult page, String formId) {
            this.walk = walk;
            this.page = page;
            this.formId = formId;
        }

        /** The page the login stopped on. */
        public LoginResult page() {
            return page;
        }

        /** Posts the form and follows the login to its end; call once. */
        public LoginResult submit() {
            return walk.submit(page, formId);
        }

        /**
         * Opens {@code url} in this login's browser (its cookies), e.g. a link from a mail, and follows it to the end,
         * stopping again at this login's form if it comes back.
         */
        public LoginResult open(URI url) {
            return (LoginResult) walk.run(walk.get(url), false);
        }
    }

    /**
     * A whole brokered login whose invitation asks the person to prove the mailbox: stops on the "check your mail"
     * page, opens the newest link mailed to {@code address} in the same browser and follows the login to its end.
     */
    public LoginResult loginProvingMailbox(String idpAlias, String username, SmtpSink smtp, String address) {
        PausedLogin paused = startUntilForm(idpAlias, username, MailboxMail.FORM);
        return paused.open(MailboxMail.latestLink(smtp, address));
    }

    /** Runs a whole brokered login of {@code username} through identity provider {@code idpAlias}. */
    public LoginResult login(String idpAlias, String username) {
        Walk walk = new Walk(idpAlias, username);
        Object end = walk.run(walk.get(authorizationUri(idpAlias)), false);
        return (LoginResult) end;
    }

    /**
     * Runs the login up to the identity provider's redirect back to Keycloak's broker endpoint and stops before
     * following it. If the login ends before (e.g. wrong password), fails with the page it ended on.
     */
    public PendingLogin startUntilBrokerCallback(String idpAlias, String username) {
        Walk walk = new Walk(idpAlias, username);
        Object end = walk.run(walk.get(authorizationUri(idpAlias)), true);
        if (end instanceof URI callback) {
            return new PendingLogin(walk, callback);
        }
        throw new IllegalStateException("login ended before the broker callback: " + end);
    }

    private URI authorizationUri(String idpAlias) {
        return URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/auth"
                + "?client_id=" + AdminApi.enc(clientId)
                + "&response_type=code"
                + "&scope=" + AdminApi.enc(scope)
                + "&redirect_uri=" + AdminApi.enc(redirectUri)
                + "&kc_idp_hint=" + AdminApi.enc(idpAlias));
    }

    /** The state of one login: its browser (cookie jar) and what it has seen. */
    final class Walk {
        final CookieJar jar = new CookieJar();
        private final String idpAlias;
        private final String username;
        private final List<Integer> statuses = new ArrayList<>();
        private final List<String> trail = new ArrayList<>();
        private final Set<String> postedForms = new HashSet<>();
        private final long startNanos = System.nanoTime();
        private boolean credentialsPosted;
        /** When the last browser response (not the token request) arrived: the end of the server's flow. */
        volatile long lastBrowserResponseNanos;
        private String pauseAt;

        Walk(String idpAlias, String username) {
            this.idpAlias = idpAlias;
            this.username = username;
        }

        LoginResult submit(LoginResult page, String formId) {
            pauseAt = null;
            HtmlForms.Form form = page.forms().stream().filter(f -> f.id().equals(formId)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no form " + formId + " on " + page));
            postedForms.add(form.id() + " " + page.finalUrl().resolve(form.action()).getPath());
            Map<String, String> fields = new LinkedHashMap<>(form.fields());
            fields.putAll(formFields);
            return (LoginResult) run(send(post(page.finalUrl().resolve(form.action()), fields)), false);
        }

        LoginResult resume(URI brokerCallback) {
            return (LoginResult) run(get(brokerCallback), false);
        }

        /** Walks from {@code response}; returns a LoginResult, or the broker callback URI when asked to stop there. */
        Object run(HttpResponse<String> response, boolean stopAtBrokerCallback) {
            String brokerEndpoint = "/realms/" + realm + "/broker/" + idpAlias + "/endpoint";
            for (int step = 0; step < MAX_STEPS; step++) {
                URI current = response.uri();
                int status = response.statusCode();
                if (status >= 300 && status < 400) {
                    Optional<String> location = response.headers().firstValue("Location");
                    if (location.isEmpty()) {
                        return end(response, Map.of(), null);
                    }
                    URI next = current.resolve(location.get());
                    if (next.toString().startsWith(redirectUri)) {
                        Map<String, String> params = queryParams(next);
                        JsonNode tokens = params.containsKey("code") ? redeem(params.get("code")) : null;
                        return end(status, next, "", params, tokens);
                    }
                    if (stopAtBrokerCallback && brokerEndpoint.equals(next.getPath())) {
                        return next;
                    }
                    response = get(next);
                } else if (status == 200) {
                    Optional<HttpRequest> post = nextPost(current, response.body());
                    if (post.isEmpty()) {
                        return end(response, Map.of(), null);
                    }
                    response = send(post.get());
                } else {
                    return end(response, Map.of(), null);
                }
            }
            throw new IllegalStateException("brokered login did not end within " + MAX_STEPS + " steps:\n  " + String.join("\n  ", trail));
        }

        /** The form this page asks to submit: the IdP's login form once, then each app-realm form once. */
        private Optional<HttpRequest> nextPost(URI page, String html) {
            String appPrefix = "/realms/" + realm + "/";
            for (HtmlForms.Form form : HtmlForms.parse(html)) {
                if (stopForms.contains(form.id()) || form.id().equals(pauseAt)) {
                    return Optional.empty();
                }
                if (!form.method().equals("post") || TEMPLATE_FORMS.contains(form.id())) {
                    continue;
                }
                URI action = page.resolve(form.action());
                boolean inApp = action.getPath() != null && action.getPath().startsWith(appPrefix);
                if (!inApp && form.hasField("password") && !credentialsPosted) {
                    credentialsPosted = true;
                    Map<String, String> fields = new LinkedHashMap<>(form.fields());
                    fields.put("username", username);
                    fields.put("password", password);
                    return Optional.of(post(action, fields));
                }
                if (inApp && postedForms.add(form.id() + " " + action.getPath())) {
                    Runnable before = beforePosting.remove(form.id());
                    if (before != null) {
                        before.run();
                    }
                    Map<String, String> fields = new LinkedHashMap<>(form.fields());
                    fields.putAll(formFields);
                    return Optional.of(post(action, fields));
                }
            }
            return Optional.empty();
        }

        private JsonNode redeem(String code) {
            HttpRequest request = HttpRequest.newBuilder(route.apply(URI.create(baseUrl + "/realms/" + realm + "/protocol/openid-connect/token")))
                    .timeout(TIMEOUT)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(AdminApi.formBody(Map.of(
                            "grant_type", "authorization_code",
                            "code", code,
                            "redirect_uri", redirectUri,
                            "client_id", clientId,
                            "client_secret", clientSecret))))
                    .build();
            HttpResponse<String> response = exchange(request);
            return response.body().isEmpty() ? null : Json.parse(response.body());
        }

        HttpResponse<String> get(URI uri) {
            return send(browserRequest(uri).GET().build());
        }

        private HttpRequest post(URI uri, Map<String, String> fields) {
            return browserRequest(uri)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(AdminApi.formBody(fields)))
                    .build();
        }

        private HttpRequest.Builder browserRequest(URI uri) {
            uri = route.apply(uri);
            HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT)
                    .header("Accept", "text/html,application/xhtml+xml");
            if (acceptLanguage != null) {
                builder.header("Accept-Language", acceptLanguage);
            }
            jar.header(uri).ifPresent(cookies -> builder.header("Cookie", cookies));
            return builder;
        }

        private HttpResponse<String> send(HttpRequest request) {
            HttpResponse<String> response = exchange(request);
            lastBrowserResponseNanos = System.nanoTime();
            jar.store(request.uri(), response.headers().allValues("Set-Cookie"));
            return response;
        }

        private HttpResponse<String> exchange(HttpRequest request) {
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                statuses.add(response.statusCode());
                trail.add(response.statusCode() + " " + request.method() + " " + request.uri());
                return response;
            } catch (IOException e) {
                throw new UncheckedIOException(request.method() + " " + request.uri() + " after:\n  " + String.join("\n  ", trail), e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted: " + request.uri(), e);
            }
        }

        private LoginResult end(HttpResponse<String> response, Map<String, String> params, JsonNode tokens) {
            return end(response.statusCode(), response.uri(), response.body(), params, tokens);
        }

        private LoginResult end(int status, URI url, String html, Map<String, String> params, JsonNode tokens) {
            return new LoginResult(status, url, html, List.copyOf(statuses), List.copyOf(trail), params, tokens,
                    Duration.ofNanos(System.nanoTime() - startNanos));
        }
    }

    static Map<String, String> queryParams(URI uri) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = uri.getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            params.put(key, value);
        }
        return params;
    }
}
