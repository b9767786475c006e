<#-- The mailbox proof's "check your mail" page (rule 5, an invited address of a domain that no organization owns):
     a one-time link went to the invited address; opening it in this browser finishes the sign-in. The form asks for
     the link again, a limited number of times. Nothing has been created yet. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        ${msg("jitMailboxTitle")}
    <#elseif section = "form">
        <div id="jit-mailbox" class="jit-blocked">
            <p id="jit-mailbox-sent" class="instruction">${msg("jitMailboxSent", jitMailboxAddress, jitMailboxMinutes?c)}</p>
            <p id="jit-mailbox-why" class="instruction">${msg("jitMailboxWhy")}</p>
            <#if jitMailboxNotice?has_content>
                <p id="jit-mailbox-notice" class="instruction"><strong>${msg(jitMailboxNotice)}</strong></p>
            </#if>
            <#if jitMailboxCanResend>
            <form id="jit-mailbox-form" action="${jitMailboxAction}" method="post">
                <input type="hidden" name="jit-resend" value="true"/>
                <button id="jit-mailbox-resend" type="submit" class="${properties.kcButtonSecondaryClass!} ${properties.kcButtonBlockClass!}">${msg("jitMailboxResend")}</button>
            </form>
            <#else>
                <p id="jit-mailbox-limit" class="instruction">${msg("jitMailboxResendLimit", jitMailboxMails?c)}</p>
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
