using Xunit.Abstractions;
using Xunit.Sdk;

namespace DongNai.Search.Tests.Contract;

/// <summary>
/// Put on an engine's contract test class when the engine needs something the machine may lack
/// (a server): every contract test of that class is then reported as skipped, with
/// <see cref="WhyUnavailable"/> as the reason, instead of failing. Read once per class at discovery.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = true)]
public abstract class EngineAvailabilityAttribute : Attribute
{
    /// <summary>Null when the engine can be reached; otherwise why not, and how to provide one.</summary>
    public abstract string? WhyUnavailable();

    /// <summary>The reason the concrete test class's engine is unavailable, or null (also for classes without the attribute).</summary>
    internal static string? ReasonFor(ITestMethod testMethod)
    {
        var type = testMethod.TestClass.Class.ToRuntimeType();
        return type?.GetCustomAttributes(typeof(EngineAvailabilityAttribute), inherit: true)
            .OfType<EngineAvailabilityAttribute>()
            .Select(attribute => attribute.WhyUnavailable())
            .FirstOrDefault(reason => reason is not null);
    }
}

/// <summary>
/// A fact of the engine contract suite. The attribute sits on the abstract base's method, which every
/// engine's class inherits; its discoverer looks at the concrete class, so one engine's tests can
/// be skipped (<see cref="EngineAvailabilityAttribute"/>) while another's run.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("DongNai.Search.Tests.Contract.ContractFactDiscoverer", "DongNai.Search.Tests")]
public sealed class ContractFactAttribute : FactAttribute;

/// <summary>A theory of the engine contract suite; skipped as a whole like <see cref="ContractFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("DongNai.Search.Tests.Contract.ContractTheoryDiscoverer", "DongNai.Search.Tests")]
public sealed class ContractTheoryAttribute : TheoryAttribute;

/// <summary>Discovers a <see cref="ContractFactAttribute"/> test as a skipped case when the concrete class's engine is unavailable.</summary>
public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute) =>
        EngineAvailabilityAttribute.ReasonFor(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, factAttribute);
}

/// <summary>Discovers a <see cref="ContractTheoryAttribute"/> test as one skipped case when the concrete class's engine is unavailable.</summary>
public sealed class ContractTheoryDiscoverer(IMessageSink diagnosticMessageSink) : TheoryDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo theoryAttribute) =>
        EngineAvailabilityAttribute.ReasonFor(testMethod) is { } reason
            ? [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(), discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason)]
            : base.Discover(discoveryOptions, testMethod, theoryAttribute);
}
