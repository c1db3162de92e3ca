using System.Globalization;
using ChatOpsBot.Bench;

// Benchmarks of issue 2. Each compares against a baseline measured in the same run (ratios), because these
// machines are noisy. Usage: dotnet run -c Release --project bench/ChatOpsBot.Bench [-- --runs N]
if (args.Length >= 1 && args[0] == "--discord-burst")
{
    await DiscordBurst.RunAsync(args.Length == 2 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500);
    return 0;
}

if (args is ["--monitor", ..])
{
    await MonitorBench.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 1000,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 3,
        args.Length > 3 ? TimeSpan.FromSeconds(int.Parse(args[3], CultureInfo.InvariantCulture)) : null); // interval in seconds: a quick smoke run
    return 0;
}

if (args is ["--telegram-burst", ..])
{
    await TelegramBurst.RunAsync(
        args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500,
        args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : null); // Telegram:MaxConcurrentChats
    return 0;
}

if (args is ["--telegram", ..])
{
    await TelegramBench.RunAsync(args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 500);
    return 0;
}

var cli = Path.Combine(AppContext.BaseDirectory, "chatopsbot.dll");
if (args is ["--idle-memory", ..])
{
    await IdleMemoryBench.RunAsync(cli, args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 3);
    return 0;
}

if (args is ["--cold", ..])
{
    // (c) alone, native publishes only (CHATOPSBOT_NATIVE, CHATOPSBOT_NATIVE_BEFORE) unless "--cold N jit".
    var coldRuns = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
    await Benchmarks.ColdStartVersusCurlAsync(cli, coldRuns, nativeOnly: args is not [_, _, "jit"]);
    return 0;
}

var runs = args.Length == 2 && args[0] == "--runs" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 15;
if (!File.Exists(cli))
{
    Console.Error.WriteLine($"bench: {cli} not found: build the solution first.");
    return 1;
}

Console.WriteLine($"# ChatOpsBot benchmarks ({runs} runs each, {Environment.ProcessorCount} cores, .NET {Environment.Version})");
Console.WriteLine();
await Benchmarks.AllVersusOneAsync(cli, runs);
await Benchmarks.EngineOverheadAsync(runs * 4);
await Benchmarks.ColdStartVersusCurlAsync(cli, runs);
Benchmarks.Scrubber(runs * 4);
return 0;
