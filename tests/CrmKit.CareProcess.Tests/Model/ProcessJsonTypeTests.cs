namespace CrmKit.CareProcess.Tests;

/// <summary>A timer or an effect whose JSON object does not say, or misnames, its kind is a located problem, not a crash.</summary>
public class ProcessJsonTypeTests
{
    private const string Definition = """{"id":"x","name":"X","initial":"a","states":[{"id":"a"STATE},{"id":"b"}],"triggers":[{"id":"go"}],"transitions":[{"from":"a","to":"b"TIMER}]}""";

    private static string Problem(string state, string timer)
        => Assert.Single(Assert.Throws<InvalidProcessException>(() => ProcessJson.ReadDefinition(Definition.Replace("STATE", state, StringComparison.Ordinal).Replace("TIMER", timer, StringComparison.Ordinal))).Problems).ToString();

    [Fact]
    public void ReadDefinition_TimerWithoutType_IsReportedAtItsPath()
        => Assert.Equal("$.transitions[0].timer: the object has no \"type\" property saying which kind it is.", Problem(string.Empty, ",\"timer\":{\"delay\":\"24:00:00\"}"));

    [Fact]
    public void ReadDefinition_EffectWithoutType_IsReportedAtItsPath()
        => Assert.Equal("$.states[0].onEntry[0]: the object has no \"type\" property saying which kind it is.", Problem(",\"onEntry\":[{\"channel\":\"zalo\",\"purpose\":\"marketing\",\"template\":\"x\"}]", string.Empty));

    [Fact]
    public void ReadDefinition_UnknownType_IsReportedAtItsPath()
        => Assert.Equal("$.transitions[0].timer: \"type\": 'bogus' is not a known type here.", Problem(string.Empty, ",\"timer\":{\"type\":\"bogus\",\"delay\":\"24:00:00\"}"));

    [Fact]
    public void ReadDefinition_DurationInAnotherForm_SaysTheFormExpected()
        => Assert.Equal(
            "$.transitions[0].timer.delay: the value is not valid here: expected a duration in hours, minutes and seconds, H:mm:ss (\"72:00:00\" is three days).",
            Problem(string.Empty, ",\"timer\":{\"type\":\"after\",\"delay\":\"3:00:00:00\"}"));
}
