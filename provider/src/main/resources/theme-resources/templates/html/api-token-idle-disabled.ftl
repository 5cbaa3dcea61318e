<#import "template.ftl" as layout>
<@layout.emailLayout>
<#if link??>
${kcSanitize(msg("apiTokenIdleDisabledBodyHtml", tokenName, tokenKey, disabledAt, disableAfterDays, link))?no_esc}
<#else>
${kcSanitize(msg("apiTokenIdleDisabledBodyNoLinkHtml", tokenName, tokenKey, disabledAt, disableAfterDays))?no_esc}
</#if>
</@layout.emailLayout>
