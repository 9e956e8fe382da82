namespace Ecommerce.Tests.Support;

/// <summary>Tests that stop, freeze or flood a part of the shared system. They run one at a time, after the others, so
/// that no other test sees what they do.</summary>
[CollectionDefinition(nameof(RunsAlone), DisableParallelization = true)]
public sealed class RunsAlone;
