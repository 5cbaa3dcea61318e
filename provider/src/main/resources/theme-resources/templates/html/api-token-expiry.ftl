<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if link??>
${kcSanitize(msg("apiTokenExpiryBodyHtml", tokenName, tokenKey, expiresAt, daysLeft, link))?no_esc}
<#else>
${kcSanitize(msg("apiTokenExpiryBodyNoLinkHtml", tokenName, tokenKey, expiresAt, daysLeft))?no_esc}
</#if>
</@layout.emailLayout>
