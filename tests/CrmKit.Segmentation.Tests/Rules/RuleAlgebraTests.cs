namespace CrmKit.Segmentation.Tests;

public sealed class RuleAlgebraTests
{
    private static Arbitrary<(Rule A, Rule B, Rule C, CustomerRecord[] Records, EvaluationContext Context)> Three { get; } =
        (from a in RuleGenerators.Rule
         from b in RuleGenerators.Rule
         from c in RuleGenerators.Rule
         from records in RuleGenerators.Record.ListOf().Select(l => l.Take(6).ToArray())
         from context in RuleGenerators.Context
         select (a, b, c, records, context)).ToArbitrary();

    private static Property Same(Rule x, Rule y, IEnumerable<CustomerRecord> records, EvaluationContext context)
        => RuleGenerators.SameMeaning(x, y, records, context).Label($"{x}  vs  {y}");

    [Property(MaxTest = 200)]
    public Property DoubleNegation_IsIdentity()
        => Prop.ForAll(Three, t => Same(Rule.Not(Rule.Not(t.A)), t.A, t.Records, t.Context));

    [Property(MaxTest = 200)]
    public Property DeMorgan_Holds()
        => Prop.ForAll(Three, t =>
            Same(Rule.Not(Rule.All(t.A, t.B)), Rule.Any(Rule.Not(t.A), Rule.Not(t.B)), t.Records, t.Context)
            .And(Same(Rule.Not(Rule.Any(t.A, t.B)), Rule.All(Rule.Not(t.A), Rule.Not(t.B)), t.Records, t.Context)));

    [Property(MaxTest = 200)]
    public Property AllAndAny_AreCommutativeAndAssociative()
        => Prop.ForAll(Three, t =>
            Same(Rule.All(t.A, t.B), Rule.All(t.B, t.A), t.Records, t.Context)
            .And(Same(Rule.Any(t.A, t.B), Rule.Any(t.B, t.A), t.Records, t.Context))
            .And(Same(Rule.All(Rule.All(t.A, t.B), t.C), Rule.All(t.A, Rule.All(t.B, t.C)), t.Records, t.Context))
            .And(Same(Rule.Any(Rule.Any(t.A, t.B), t.C), Rule.Any(t.A, Rule.Any(t.B, t.C)), t.Records, t.Context)));

    [Property(MaxTest = 300)]
    public Property NegatedCondition_IsComplementOrNotSet()
        => Prop.ForAll(
            (from c in RuleGenerators.Condition
             from records in RuleGenerators.Record.ListOf().Select(l => l.Take(8).ToArray())
             from context in RuleGenerators.Context
             select (c, records, context)).ToArbitrary(),
            t => Same(Rule.Not(t.c), RuleAlgebra.Negate((Condition)t.c), t.records, t.context));

    [Property(MaxTest = 200)]
    public Property Simplify_And_NegationNormalForm_PreserveMeaning()
        => Prop.ForAll(Three, t =>
        {
            var rule = Rule.Any(Rule.Not(Rule.All(t.A, Rule.True, Rule.Not(t.B))), t.C, t.A);
            return Same(RuleAlgebra.Simplify(rule), rule, t.Records, t.Context)
                .And(Same(RuleAlgebra.ToNegationNormalForm(rule), rule, t.Records, t.Context));
        });

    [Fact]
    public void Negate_LessThan_AddsNotSet()
    {
        var rule = RuleJson.Parse("""{"field":"age","op":"<","value":18}""");
        Assert.Equal("""{"any":[{"field":"age","op":">=","value":18},{"field":"age","op":"isNotSet"}]}""", RuleJson.Write(RuleAlgebra.Negate((Condition)rule)));
    }

    [Fact]
    public void Negate_AlwaysSetField_HasNoNotSetBranch()
    {
        var rule = RuleJson.Parse("""{"field":"orders.count","op":"between","values":[1,3]}""");
        Assert.Equal("""{"any":[{"field":"orders.count","op":"<","value":1},{"field":"orders.count","op":">","value":3}]}""", RuleJson.Write(RuleAlgebra.Negate((Condition)rule)));
    }

    [Fact]
    public void Simplify_FlattensFoldsAndDeduplicates()
    {
        var a = RuleJson.Parse("""{"field":"gender","op":"=","value":"female"}""");
        var rule = Rule.All(Rule.True, Rule.All(a, Rule.Not(Rule.Not(a))), Rule.Any(Rule.False, a));
        Assert.Equal(a, RuleAlgebra.Simplify(rule));
        Assert.Equal(Rule.False, RuleAlgebra.Simplify(Rule.All(a, Rule.Any())));
    }
}
