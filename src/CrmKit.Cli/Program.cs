using CrmKit.Cli;

return CrmKitCommandLine.Run(args, Console.Out, Console.Error);
