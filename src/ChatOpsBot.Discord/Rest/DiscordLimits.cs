using System.Globalization;

namespace ChatOpsBot.Discord.Rest;

/// <summary>
/// Discord's message, embed and component limits (DDOCS resources/message.mdx), the one place the REST client and the
/// adapter (renderer, card fitter) take them from. Lengths are counted in UTF-16 units, never fewer
/// than Discord's own count, and cuts never split a surrogate pair.
/// </summary>
public static class DiscordLimits
{
    public const int MessageContent = 2000;
    public const int EmbedsPerMessage = 10;
    public const int EmbedTitle = 256;
    public const int EmbedDescription = 4096;
    public const int EmbedFields = 25;
    public const int EmbedFieldName = 256;
    public const int EmbedFieldValue = 1024;
    public const int EmbedFooter = 2048;
    public const int EmbedAuthor = 256;
    public const int EmbedTotal = 6000;
    public const int NonceLength = 25;
    public const int GatewayPayloadBytes = 4096;
    public const int AttachmentDescription = 1024;

    /// <summary>Components (DDOCS components/reference.mdx): buttons per action row, action rows per message.</summary>
    public const int ButtonsPerRow = 5;
    public const int ActionRows = 5;
    public const int CustomId = 100;
    public const int ButtonLabel = 80;
    public const int TextInputValue = 4000;

    /// <summary>Autocomplete (DDOCS interactions/application-commands.mdx): choices per answer, and a choice's name and value length.</summary>
    public const int AutocompleteChoices = 25;

    /// <summary>Fixed choices of one string option (DDOCS interactions/application-commands.mdx); past it, autocomplete.</summary>
    public const int OptionChoices = 25;
    public const int ChoiceName = 100;

    private const string Ellipsis = "…";

    /// <summary><paramref name="text"/> cut to at most <paramref name="max"/> units, ending with "…" when cut.</summary>
    public static string Truncate(string text, int max)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 1);
        if (text.Length <= max)
        {
            return text;
        }

        var cut = SafeCut(text, max - Ellipsis.Length);
        return text[..cut].TrimEnd() + Ellipsis;
    }

    /// <summary>Splits <paramref name="text"/> into messages of at most <paramref name="max"/> units, preferring line breaks, then spaces.</summary>
    public static IReadOnlyList<string> Split(string text, int max = MessageContent)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var parts = new List<string>();
        var rest = text;
        while (rest.Length > max)
        {
            var cut = rest.LastIndexOf('\n', max - 1, max / 2);
            if (cut <= 0)
            {
                cut = rest.LastIndexOf(' ', max - 1, max / 2);
            }

            cut = cut <= 0 ? SafeCut(rest, max) : cut + 1;
            parts.Add(rest[..cut]);
            rest = rest[cut..];
        }

        if (rest.Length > 0 || parts.Count == 0)
        {
            parts.Add(rest);
        }

        return parts;
    }

    /// <summary>The length Discord counts towards the 6,000 total: title, description, field names and values, footer, author.</summary>
    public static int EmbedLength(DiscordEmbed embed) =>
        (embed.Title?.Length ?? 0) + (embed.Description?.Length ?? 0) + (embed.Footer?.Length ?? 0) + (embed.Author?.Length ?? 0)
        + embed.Fields.Sum(f => f.Name.Length + f.Value.Length);

    /// <summary>A copy of <paramref name="embed"/> cut to every limit (fields past 25 dropped; the description shrinks first for the total).</summary>
    public static DiscordEmbed Fit(DiscordEmbed embed)
    {
        var fitted = embed with
        {
            Title = embed.Title is null ? null : Truncate(embed.Title, EmbedTitle),
            Description = embed.Description is null ? null : Truncate(embed.Description, EmbedDescription),
            Footer = embed.Footer is null ? null : Truncate(embed.Footer, EmbedFooter),
            Author = embed.Author is null ? null : Truncate(embed.Author, EmbedAuthor),
            Fields = [.. embed.Fields.Take(EmbedFields).Select(f => f with { Name = Truncate(f.Name, EmbedFieldName), Value = Truncate(f.Value, EmbedFieldValue) })],
        };
        var over = EmbedLength(fitted) - EmbedTotal;
        if (over > 0 && fitted.Description is { } d)
        {
            fitted = fitted with { Description = d.Length - over >= 2 ? Truncate(d, d.Length - over) : null };
            over = EmbedLength(fitted) - EmbedTotal;
        }

        while (over > 0 && fitted.Fields.Count > 0)
        {
            fitted = fitted with { Fields = [.. fitted.Fields.Take(fitted.Fields.Count - 1)] };
            over = EmbedLength(fitted) - EmbedTotal;
        }

        return fitted;
    }

    /// <summary>Every limit <paramref name="body"/> breaks, as short English sentences (empty when it is sendable).</summary>
    public static IReadOnlyList<string> Check(DiscordMessageBody body)
    {
        var problems = new List<string>();
        if (body.Content is { Length: > MessageContent } c)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"content has {c.Length} characters; at most {MessageContent}."));
        }

        var embeds = body.Embeds ?? [];
        if (embeds.Count > EmbedsPerMessage)
        {
            problems.Add($"{embeds.Count} embeds; at most {EmbedsPerMessage}.");
        }

        var total = 0;
        foreach (var e in embeds)
        {
            total += EmbedLength(e);
            Over(problems, "embed title", e.Title, EmbedTitle);
            Over(problems, "embed description", e.Description, EmbedDescription);
            Over(problems, "embed footer", e.Footer, EmbedFooter);
            Over(problems, "embed author", e.Author, EmbedAuthor);
            if (e.Fields.Count > EmbedFields)
            {
                problems.Add($"{e.Fields.Count} embed fields; at most {EmbedFields}.");
            }

            foreach (var f in e.Fields)
            {
                Over(problems, "embed field name", f.Name, EmbedFieldName);
                Over(problems, "embed field value", f.Value, EmbedFieldValue);
            }
        }

        if (total > EmbedTotal)
        {
            problems.Add($"embeds hold {total} characters together; at most {EmbedTotal}.");
        }

        if (body.Nonce is { Length: > NonceLength })
        {
            problems.Add($"nonce is longer than {NonceLength} characters.");
        }

        return problems;
    }

    private static void Over(List<string> problems, string what, string? value, int max)
    {
        if (value is { } v && v.Length > max)
        {
            problems.Add($"{what} has {v.Length} characters; at most {max}.");
        }
    }

    private static int SafeCut(string text, int index)
    {
        index = Math.Clamp(index, 0, text.Length);
        return index > 0 && index < text.Length && char.IsHighSurrogate(text[index - 1]) ? index - 1 : index;
    }
}
