namespace ChatOpsBot.Tests.Http;

/// <summary>Tests that set the process's own environment variables: run alone, never beside another test.</summary>
[CollectionDefinition(nameof(ProcessEnvironmentTests), DisableParallelization = true)]
public sealed class ProcessEnvironmentTests;
