using ChatOpsBot;
using ChatOpsBot.Cli;

return await ChatOpsBotApp.RunAsync(args, CliConsole.System);
