using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using NSec.Cryptography;

namespace ChatOpsBot.Testing.Discord;

// HTTP interactions: Discord POSTs each interaction to the app's Interactions Endpoint URL, signed with Ed25519 over
// timestamp + raw body (https://discord.com/developers/docs/interactions/overview#setting-up-an-endpoint). The key pair
// is made per fake; PublicKeyHex is what the bot's Discord:PublicKey must be.
public sealed partial class FakeDiscordServer
{
    private readonly Key _applicationKey = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    /// <summary>
    /// Awaited after an HTTP interaction's answer has been read and before it is applied: a test holds it to make the
    /// bot's first edit of <c>@original</c> arrive before Discord has taken the answer (as can happen for real).
    /// </summary>
    public Func<Task>? BeforeTakingAnswer { get; set; }

    /// <summary>The application's public key as the Developer Portal shows it (64 lowercase hex characters).</summary>
    public string PublicKeyHex => Convert.ToHexStringLower(_applicationKey.PublicKey.Export(KeyBlobFormat.RawPublicKey));

    /// <summary>
    /// POSTs <paramref name="interaction"/> to <paramref name="endpoint"/> as Discord does: the body as compact JSON, the
    /// signature headers, Discord's User-Agent. The interaction's clocks start now (unless it is a PING). A 200 answer
    /// within <see cref="FakeDiscordOptions.InteractionResponseDeadline"/> (real time) is applied as its initial
    /// response, under the same rules as <c>POST /interactions/{id}/{token}/callback</c>; a later one is lost, as the
    /// user would see "The application did not respond". <paramref name="unixSeconds"/> overrides the timestamp
    /// (default: the fake's clock).
    /// </summary>
    public async Task<FakeInteractionPost> PostInteractionAsync(
        HttpClient http, Uri endpoint, JsonObject interaction, FakeSignature signature = FakeSignature.Valid, long? unixSeconds = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(interaction);
        var record = (int?)interaction["type"] == 1 ? null : RegisterInteraction(interaction);
        var body = Encoding.UTF8.GetBytes(interaction.ToJsonString());
        var timestamp = (unixSeconds ?? Options.Time.GetUtcNow().ToUnixTimeSeconds()).ToString(CultureInfo.InvariantCulture);
        var signed = signature switch
        {
            FakeSignature.Valid or FakeSignature.TamperedBody => Sign(_applicationKey, timestamp, body),
            FakeSignature.WrongKey => SignWithAnotherKey(timestamp, body),
            _ => null,
        };
        if (signature == FakeSignature.TamperedBody)
        {
            body[^2] ^= 0x01; // inside the JSON, before the closing brace
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.TryAddWithoutValidation("User-Agent", "Discord-Interactions/1.0 (+https://discord.com)");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        if (signed is not null)
        {
            request.Headers.Add("X-Signature-Ed25519", signed);
        }

        var watch = Stopwatch.StartNew();
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        watch.Stop();
        var contentType = response.Content.Headers.ContentType?.ToString();
        var answer = (int)response.StatusCode == 200 && contentType?.StartsWith("application/json", StringComparison.Ordinal) == true
            ? JsonNode.Parse(text) as JsonObject
            : null;
        int? answerStatus = null;
        if (record is not null && answer is not null && watch.Elapsed <= Options.InteractionResponseDeadline)
        {
            if (BeforeTakingAnswer is { } hold)
            {
                await hold().ConfigureAwait(false); // Discord takes the answer a moment after the bot sent it
            }

            (answerStatus, _) = Callback(record.Id, record.Token, answer.DeepClone());
        }

        return new FakeInteractionPost((int)response.StatusCode, contentType, text, answer, watch.Elapsed, record, answerStatus);
    }

    /// <summary>
    /// A PING as Discord sends it when the endpoint URL is saved, and now and then afterwards. The shape is an observed
    /// modern PING whose values were redacted where it was published; the ids and token here are this fake's own.
    /// </summary>
    public JsonObject Ping() => new()
    {
        ["app_permissions"] = "180224",
        ["application_id"] = Str(Options.ApplicationId),
        ["entitlements"] = new JsonArray(),
        ["id"] = Str(NextId()),
        ["token"] = "aW50ZXJhY3Rpb246" + Str(NextId()),
        ["type"] = 1,
        ["user"] = new JsonObject { ["bot"] = true, ["global_name"] = "Discord", ["id"] = Str(NextId()), ["public_flags"] = 1, ["system"] = true, ["username"] = "discord" },
        ["version"] = 1,
    };

    private static string Sign(Key key, string timestamp, byte[] body)
    {
        var message = new byte[Encoding.UTF8.GetByteCount(timestamp) + body.Length];
        var n = Encoding.UTF8.GetBytes(timestamp, message);
        body.CopyTo(message, n);
        return Convert.ToHexStringLower(SignatureAlgorithm.Ed25519.Sign(key, message));
    }

    private static string SignWithAnotherKey(string timestamp, byte[] body)
    {
        using var other = Key.Create(SignatureAlgorithm.Ed25519);
        return Sign(other, timestamp, body);
    }
}
