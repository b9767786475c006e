<#ftl output_format="plainText">
<#-- The mailbox proof's mail (plain text): the one-time link that finishes the invitee's sign-in in the same browser. -->
${msg("jitMailboxEmailBody", link, linkExpiration?c, realmName)}
