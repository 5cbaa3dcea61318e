<#import "template.ftl" as layout>
<@layout.emailLayout>
${kcSanitize(msg("apiTokenExpiryBodyHtml", tokenName, tokenKey, expiresAt, daysLeft, link))?no_esc}
</@layout.emailLayout>
