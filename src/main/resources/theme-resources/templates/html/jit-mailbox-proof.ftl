<#import "template.ftl" as layout>
<#-- The mailbox proof's mail (HTML): the one-time link that finishes the invitee's sign-in in the same browser. -->
<@layout.emailLayout>
${kcSanitize(msg("jitMailboxEmailBodyHtml", link, linkExpiration?c, realmName))?no_esc}
</@layout.emailLayout>
