<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("apiTokenAdminCreatedBodyHtml", tokenName, tokenKey, adminUsername, adminRealm, expiresAt!msg("apiTokenNoExpiry")))?no_esc}
</@layout.emailLayout>
