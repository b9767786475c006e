<#-- The JIT block page: shown with HTTP 403 when a first SSO login may not be provisioned automatically.
     It names no organization and no domain: only the reference code that support can look up in the events. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("jitBlockedTitle")}
    <#elseif section = "form">
        <div id="jit-blocked" class="jit-blocked">
            <p id="jit-blocked-message" class="instruction">${msg("jitBlockedMessage")}</p>
            <#if jitEmailChanged?? && jitEmailChanged>
            <p id="jit-blocked-email-changed" class="instruction">${msg("jitBlockedEmailChanged")}</p>
            </#if>
            <p id="jit-blocked-invitation" class="instruction">${msg("jitBlockedInvitation")}</p>
            <p class="jit-reference">
                ${msg("jitBlockedReference")}
                <code id="jit-reference">${jitReference}</code>
            </p>
        </div>
    </#if>
</@layout.registrationLayout>
