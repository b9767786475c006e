<#-- The JIT block page: shown with HTTP 403 when a first SSO login may not be provisioned automatically.
     It names no organization and no domain: only the reference code that support can look up in the events.
     When the refusal depends only on what the user's own IdP sent (jitReason missing_email, invalid_email,
     email_not_verified), an invitation would not help: the page says what to ask IT for instead. A rate_limited
     refusal says to try again later or ask the organization's admin.
     The link goes back to the start of the sign-in (the login restart of this authentication session). -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("jitBlockedTitle")}
    <#elseif section = "form">
        <div id="jit-blocked" class="jit-blocked">
            <p id="jit-blocked-message" class="instruction">${msg("jitBlockedMessage")}</p>
            <#if (jitReason!"") == "missing_email">
                <p id="jit-blocked-ask-it" class="instruction">${msg("jitBlockedAskItMissingEmail")}</p>
            <#elseif (jitReason!"") == "invalid_email">
                <p id="jit-blocked-ask-it" class="instruction">${msg("jitBlockedAskItInvalidEmail")}</p>
            <#elseif (jitReason!"") == "email_not_verified">
                <p id="jit-blocked-ask-it" class="instruction">${msg("jitBlockedAskItEmailNotVerified")}</p>
            <#elseif (jitReason!"") == "rate_limited">
                <p id="jit-blocked-rate-limited" class="instruction">${msg("jitBlockedRateLimited")}</p>
            <#elseif (jitReason!"") == "mailbox_unproven">
                <p id="jit-blocked-mailbox-unproven" class="instruction">${msg("jitBlockedMailboxUnproven")}</p>
            <#else>
                <#if jitEmailChanged?? && jitEmailChanged>
                <p id="jit-blocked-email-changed" class="instruction">${msg("jitBlockedEmailChanged")}</p>
                </#if>
                <p id="jit-blocked-invitation" class="instruction">${msg("jitBlockedInvitation")}</p>
            </#if>
            <p class="jit-reference">
                ${msg("jitBlockedReference")}
                <code id="jit-reference">${jitReference}</code>
            </p>
            <p class="jit-restart">
                <a id="jit-restart" href="${url.loginRestartFlowUrl}">${msg("jitBlockedRestart")}</a>
            </p>
        </div>
    </#if>
</@layout.registrationLayout>
