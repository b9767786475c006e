<#-- Where a mailbox-proof link that cannot go on lands: expired, used (or replaced by a newer one), opened in
     another browser than the sign-in that sent it, or not valid. It changes nothing and says what to do. -->
<#import "template.ftl" as layout>
<@layout.registrationLayout displayMessage=false; section>
    <#if section = "header">
        <#if jitMailboxLink == "expired">${msg("jitMailboxLinkExpiredTitle")}
        <#elseif jitMailboxLink == "used">${msg("jitMailboxLinkUsedTitle")}
        <#elseif jitMailboxLink == "other_browser">${msg("jitMailboxLinkOtherBrowserTitle")}
        <#else>${msg("jitMailboxLinkInvalidTitle")}</#if>
    <#elseif section = "form">
        <div id="jit-mailbox-link" class="jit-blocked" data-jit-link="${jitMailboxLink}">
            <p id="jit-mailbox-link-message" class="instruction">
                <#if jitMailboxLink == "expired">${msg("jitMailboxLinkExpired")}
                <#elseif jitMailboxLink == "used">${msg("jitMailboxLinkUsed")}
                <#elseif jitMailboxLink == "other_browser">${msg("jitMailboxLinkOtherBrowser")}
                <#else>${msg("jitMailboxLinkInvalid")}</#if>
            </p>
        </div>
    </#if>
</@layout.registrationLayout>
