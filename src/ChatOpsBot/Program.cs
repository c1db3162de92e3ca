using ChatOpsBot;
using ChatOpsBot.Cli;
using ChatOpsBot.Hosting;

StartupTrace.Mark("main");

return await ChatOpsBotApp.RunAsync(args, CliConsole.System);
