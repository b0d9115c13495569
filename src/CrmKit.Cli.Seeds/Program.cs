using CrmKit.Cli.Seeds;

return SeedsCommandLine.Run(args, Console.Out, Console.Error);
