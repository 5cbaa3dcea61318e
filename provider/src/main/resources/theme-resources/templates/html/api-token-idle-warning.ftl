<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if link??>
${kcSanitize(msg("apiTokenIdleWarningBodyHtml", tokenName, tokenKey, unusedDays, disableAfterDays, disableAt, link))?no_esc}
<#else>
${kcSanitize(msg("apiTokenIdleWarningBodyNoLinkHtml", tokenName, tokenKey, unusedDays, disableAfterDays, disableAt))?no_esc}
</#if>
</@layout.emailLayout>
