namespace ChatOpsBot.Diagnostics.NextSteps;

/// <summary>
/// The titles and next steps every provider shares, one record per verdict code, with the provider's pages, name and
/// key variable filled in by <see cref="NextStepsTable.Build"/>. Written for a stressed person at 2 a.m.: short,
/// concrete, ordered by what to try first.
/// </summary>
internal static class CommonNextSteps
{
    public static IReadOnlyList<NextStepsTemplate> Templates { get; } =
    [
        new(VerdictCodes.Ok, c => new("Works", [])),
        new(VerdictCodes.KeyMissing, c => new("No key was given", [
            $"Set the key: export {c.EnvVar}='<your key>' (or pass --key-env NAME, or pipe it with --key-stdin).",
            $"Create a key if you have none: {c.Pages.Keys}",
            "In a chat: send the key to the bot in a private message, never in a channel."])),
        new(VerdictCodes.KeyWhitespace, c => new("The key has hidden spaces or line breaks", [
            "Copy the key again from the console and paste it without the trailing newline or spaces.",
            "In .env files and secrets, check for a newline at the end (echo -n, printf '%s', or trim in code).",
            $"Keys are here: {c.Pages.Keys}"])),
        new(VerdictCodes.KeyQuoted, c => new("The key includes quote marks", [
            "Remove the quotes that became part of the value (common in .env files, Docker -e and YAML).",
            "In docker-compose and systemd files, write KEY=value without quotes."])),
        new(VerdictCodes.KeyBearerIncluded, c => new("The key includes the word \"Bearer\"", [
            "Store only the key itself; the SDK adds \"Bearer \" (or the right header) on its own.",
            "If you build the header by hand, make sure \"Bearer \" is not added twice."])),
        new(VerdictCodes.KeyPlaceholder, c => new("The key is a placeholder, not a real key", [
            "Replace the example value with your real key.",
            "If it is ${VAR} or $VAR, the variable was not expanded: check how the file is loaded.",
            $"Create a key: {c.Pages.Keys}"])),
        new(VerdictCodes.KeyMasked, c => new("This is the masked form of a key, not the key", [
            "Consoles show only the start and end of a key after creation; the full key cannot be shown again.",
            $"Create a new key and copy it at once: {c.Pages.Keys}"])),
        new(VerdictCodes.KeyWrongPlatform, c => new("This key belongs to another platform", [
            $"Use a {c.Name} key here: {c.Pages.Keys}",
            "Check which variable holds which key: keys are easily swapped between OPENAI_API_KEY, ANTHROPIC_API_KEY and GEMINI_API_KEY.",
            "Using a gateway (OpenRouter, one-api, LiteLLM)? Point --base-url at it so its key is sent there."])),
        new(VerdictCodes.KeyMalformed, c => new("The key has an impossible length or characters", [
            "Copy the whole key again: part of it is missing or something was added.",
            $"If it still fails, create a new key: {c.Pages.Keys}"])),
        new(VerdictCodes.KeyAdminKey, c => new("This is an admin key, which cannot call the API", [
            "Admin keys manage the organization (users, keys, usage); they are refused by model endpoints.",
            $"Create a normal API key for your app: {c.Pages.Keys}"])),
        new(VerdictCodes.NetworkProxy, c => new("The proxy is in the way", [
            "Check the proxy address in HTTPS_PROXY / HTTP_PROXY (or the Network:Proxy setting): is it reachable from here?",
            "If it answered 407, add credentials (http://user:pass@proxy:port) or ask IT to allow this host.",
            $"If it showed a block page, ask IT to allow {c.Pages.Host}; or add the host to NO_PROXY if a direct route exists."])),
        new(VerdictCodes.NetworkDnsFailed, c => new("The API host name does not resolve", [
            $"Try: nslookup {c.Pages.Host}  (or dig {c.Pages.Host})",
            "Check /etc/resolv.conf or the container's DNS; corporate and container DNS often cannot resolve public names.",
            "If the name is a custom base URL, check it for typos."])),
        new(VerdictCodes.NetworkDnsHijacked, c => new("DNS gives an address that cannot be right", [
            "The resolver answered with a blocked, loopback or private address: a filter, ad blocker, or /etc/hosts entry is redirecting this host.",
            $"Check /etc/hosts for {c.Pages.Host}, then try another resolver: nslookup {c.Pages.Host} 1.1.1.1",
            "On a corporate network, ask IT whether AI APIs are blocked by DNS."])),
        new(VerdictCodes.NetworkConnectFailed, c => new("Could not connect to the API host", [
            "A firewall or security group may block outbound HTTPS (port 443): try curl -v " + c.Pages.ProbeUrl,
            "If you must use a proxy here, set HTTPS_PROXY.",
            $"Check the provider's status page: {c.Pages.Status}"])),
        new(VerdictCodes.NetworkTimeout, c => new("No answer in time", [
            "Run it again: if it keeps timing out at the same phase, the route is blocked or very slow.",
            "A timeout while connecting usually means a firewall dropping packets or a broken IPv6 route.",
            $"Check the provider's status page: {c.Pages.Status}"])),
        new(VerdictCodes.NetworkTlsFailed, c => new("The secure connection (TLS) failed", [
            "Check the machine's clock and its CA certificates (apt install ca-certificates; update-ca-certificates).",
            "A proxy or gateway may be intercepting HTTPS: see the issuer in the evidence.",
            "Try: curl -v " + c.Pages.ProbeUrl])),
        new(VerdictCodes.NetworkTlsIntercepted, c => new("Something is inspecting your HTTPS traffic", [
            "The certificate was not issued by the provider's usual CA: a corporate proxy or gateway is decrypting traffic.",
            "Ask IT to exempt this host from TLS inspection, or install the corporate CA where your app runs.",
            "Never disable certificate checks in code to get around this."])),
        new(VerdictCodes.NetworkFlaky, c => new("The route is flaky", [
            "The first attempt failed and a retry worked: expect intermittent errors in your app.",
            "Make sure your client retries transient errors (timeouts, 5xx) with backoff.",
            $"Check the provider's status page: {c.Pages.Status}"])),
        new(VerdictCodes.NetworkIpv6Broken, c => new("IPv6 is broken on this route; IPv4 works", [
            "Clients that try IPv6 first (most do, as the name has AAAA records) wait for it to time out before falling back: requests hang or time out.",
            "Prefer IPv4: in the app (Node: --dns-result-order=ipv4first; Python/httpx: bind to 0.0.0.0; Java: -Djava.net.preferIPv4Stack=true), or in /etc/gai.conf: precedence ::ffff:0:0/96 100.",
            "Or fix the IPv6 route (router, VPN, cloud network), or switch IPv6 off on the interface or Docker network (\"enable_ipv6\": false) so nothing tries it."])),
        new(VerdictCodes.NetworkIpNotAllowed, c => new($"{c.Name} refuses this network", [
            "The provider, the resource's network rules or the gateway's token refused this machine's network before judging the key: a new key will not help.",
            "If there is an IP allow-list, a firewall rule or a subnet-bound token, have whoever manages it (the resource's owner, the gateway's admin) add this machine's public IP (curl https://ifconfig.me), or call through the private endpoint.",
            "To confirm, run the same check from another network (another host, cloud region or office line): some hosting ranges and countries are refused."])),
        new(VerdictCodes.RegionUnsupported, c => new($"{c.Name} refuses requests from this region", [
            $"The request arrives from a country {c.Name} does not serve: {c.Pages.Regions}",
            "Run the app from a server in a supported country (a VPN or proxy is against most providers' terms).",
            "If you are in a supported country, your traffic may leave through another one (VPN, proxy, cloud region)."])),
        new(VerdictCodes.AuthMissingKey, c => new("No key reached the provider", [
            "The key was not sent in the header the provider reads: a proxy or gateway may strip the Authorization header.",
            "If you call the API by hand, check the header name: " + c.Pages.HeaderHint,
            "Check that the variable is set in the process that makes the call (not only in your shell)."])),
        new(VerdictCodes.AuthInvalidKey, c => new("The key was rejected", [
            $"Check the key exists and is active: {c.Pages.Keys}",
            "Copy it again in full (a character lost in copying is the usual cause), or create a new one.",
            "Using a gateway? Its keys differ from the provider's: check --base-url and which key you send."])),
        new(VerdictCodes.AuthWrongHeader, c => new("The key was sent in the wrong form", [
            "This provider reads the key from: " + c.Pages.HeaderHint,
            "Use the official SDK, or fix the header in your HTTP client or gateway configuration."])),
        new(VerdictCodes.AuthPermissionDenied, c => new("The key is valid but not allowed to do this", [
            $"Check the key's permissions or restrictions (restricted keys, API restrictions, IP allow-lists): {c.Pages.Keys}",
            "Create a key with the needed permissions, or ask the organization's owner."])),
        new(VerdictCodes.AuthAccountDisabled, c => new("The account or organization is disabled", [
            "A new key will not help: the account itself is deactivated, suspended or terminated.",
            $"Check your email from {c.Name} and the console: {c.Pages.Console}",
            $"Contact {c.Name} support to appeal or reactivate."])),
        new(VerdictCodes.AuthKeyRevoked, c => new("The provider revoked this key", [
            $"Create a new key: {c.Pages.Keys}",
            "Keys are revoked when found in public (GitHub, logs, chats): find where it leaked and remove it there.",
            "Rotate any other secret that was stored in the same place."])),
        new(VerdictCodes.AuthProjectOrOrgMismatch, c => new("Organization or project does not match the key", [
            "Check OPENAI_ORG_ID / OPENAI_PROJECT_ID (or the OpenAI-Organization / OpenAI-Project headers) against the key's project.",
            "Remove the organization/project setting, or use a key from that project."])),
        new(VerdictCodes.BillingNotEnabled, c => new("Billing is not set up", [
            $"Set up billing for the key's project or account: {c.Pages.Billing}",
            "After adding a payment method, new credit may take a few minutes to apply.",
            "On a free tier: it may not be available in your country."])),
        new(VerdictCodes.ProjectApiNotEnabled, c => new("The API is switched off for this project", [
            $"Enable the API for the key's project: {c.Pages.EnableApi}",
            "Wait a minute after enabling, then run this again."])),
        new(VerdictCodes.QuotaExhausted, c => new("No credit or quota left", [
            $"Add credit or raise the limit: {c.Pages.Billing}",
            $"Check monthly and project budgets: {c.Pages.Limits}",
            "Waiting will not help (this is not a rate limit)."])),
        new(VerdictCodes.RateLimited, c => new("Too many requests right now", [
            "Wait and retry with backoff: this is temporary.",
            $"See your rate limits and tier: {c.Pages.Limits}",
            "Several apps sharing one key share its limits: use separate keys or projects."])),
        new(VerdictCodes.ModelNotFound, c => new("That model does not exist", [
            "Check the model name for typos and retired models: list them with this tool's output or the provider's docs.",
            $"Models: {c.Pages.Models}"])),
        new(VerdictCodes.ModelNoAccess, c => new("The key may not use that model", [
            $"Some models need a higher tier, verification or an allow-list: {c.Pages.Limits}",
            "Use a model the key can access, or ask the organization's owner."])),
        new(VerdictCodes.RequestInvalid, c => new("The provider rejected the request", [
            "The request itself was refused: see the provider's message in the evidence.",
            "If you go through a gateway, it may rewrite requests: try the provider's own host."])),
        new(VerdictCodes.ProviderOverloaded, c => new($"{c.Name} is overloaded", [
            "Retry in a minute with backoff: this is temporary and not your key.",
            $"Check the status page: {c.Pages.Status}"])),
        new(VerdictCodes.ProviderServerError, c => new($"{c.Name} returned a server error", [
            "Retry in a minute: this is usually temporary and not your key.",
            $"Check the status page: {c.Pages.Status}"])),
        new(VerdictCodes.ProviderUnexpected, c => new("An answer this tool does not recognise", [
            "If the answer is an HTML page, a proxy, captive portal or gateway answered instead of the API.",
            "Check --base-url / *_BASE_URL and HTTPS_PROXY.",
            $"Try: curl -v {c.Pages.ProbeUrl}"])),
        new(VerdictCodes.GatewayUpstreamError, c => new("The gateway accepted your key, but its upstream failed", [
            "Your key is fine: the gateway's own connection to the provider behind it failed (its provider key, account, region or the provider itself). Its operator must fix it, not you.",
            "Tell the gateway's operator what failed (the upstream cause in the evidence: upstream_code and the message) and send them the gateway, status, request id and time from the evidence; never send your key.",
            "Operators: check the provider key, credit and region of the failing deployment or channel in the gateway's settings and logs, then test it from the gateway's host."])),
        new(VerdictCodes.DiscordMjBotMissing, c => new("The Midjourney Bot is not in this server", [
            "Add it: open https://discord.com/application-directory/936929561302675456 → Add App → Add to Server (needs Manage Server).",
            "Or use Midjourney in its own server, in a DM with the Midjourney Bot, or on midjourney.com."])),
        new(VerdictCodes.DiscordMjBotPermissions, c => new("The Midjourney Bot may not post its results here", [
            "Server Settings → Roles → Midjourney Bot (its own role): switch on the permissions named above.",
            "Or in this channel: Edit Channel → Permissions → add Midjourney Bot → allow them (✓).",
            "An overwrite that denies (✗) a permission beats the role: remove the ✗ in the channel's permissions."])),
        new(VerdictCodes.DiscordUserPermissions, c => new("You lack a permission needed here", [
            "Ask a server admin: Server Settings → Roles → your role: switch on the permission named above.",
            "Or in this channel: Edit Channel → Permissions → your role (or you) → allow it (✓); a ✗ there beats the role."])),
        new(VerdictCodes.DiscordChannelUnsupported, c => new("Midjourney cannot work in this kind of channel", [
            "Use a text channel, a thread or a forum post instead, where the Midjourney Bot is allowed to post.",
            "Forum and media channels take commands only inside a post; categories and directories never."])),
        new(VerdictCodes.DiscordChecklist, c => new("What no bot can see: check these yourself", [
            "Subscription: midjourney.com → Manage Subscription shows whether your plan is active (there is no free trial).",
            "Midjourney's replies in the channel or your DMs say when a prompt was blocked or your account needs verifying."])),
        new(VerdictCodes.DiscordCannotCheck, c => new("I could not check everything here", [
            "Give ChatOpsBot View Channel in this channel: Edit Channel → Permissions → ChatOpsBot → View Channel ✓.",
            "Make sure ChatOpsBot is still a member of this server (re-invite it if it was removed), then run this again."])),
        new(VerdictCodes.InfoRoute, c => new("Route", [])),
        new(VerdictCodes.InfoSkipped, c => new("Skipped", [])),
        new(VerdictCodes.InfoStatusPage, c => new("Status page", [])),
        new(VerdictCodes.ProviderIncident, c => new($"{c.Name} reports an incident", [
            "Nothing to change on your side: wait for the incident to be resolved, then run this again.",
            "Meanwhile make your app retry with backoff, or switch to another model or provider if you have one.",
            "The verdict above is still the provider's own answer: a key problem during an incident stays a key problem."])),
    ];
}
