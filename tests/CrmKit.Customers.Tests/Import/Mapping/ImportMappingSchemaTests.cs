using System.Text.Json;
using System.Text.Json.Nodes;
using CrmKit.Customers.Import;
using Json.Schema;

namespace CrmKit.Customers.Tests.Import;

/// <summary>
/// docs/import-mapping.schema.json against the mapping reader (<see cref="ImportMapping.Parse"/>): the presets pass it,
/// and broken, valid and oddly spelled mappings are accepted by the schema exactly when the reader accepts them.
/// </summary>
public class ImportMappingSchemaTests
{
    private static readonly string SchemaPath = RepositoryRoot.Path("docs", "import-mapping.schema.json");

    private static readonly JsonSchema Schema = JsonSchema.FromFile(SchemaPath);

    private static readonly string[] ConsentChannelSpellings = ["sms", "zalo", "email", "phone_call", "PhoneCall", "chat", "in_person", "inperson", "fax"];

    private static readonly string[] FormatKeys = ["numberFormat", "dateOrder", "dateFormats", "zone", "currency", "encoding", "delimiter", "sheet"];

    public static TheoryData<string> Presets => [.. ImportMapping.PresetNames];

    [Fact]
    public void Schema_IsADraft202012SchemaWithARelativeId()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var root = document.RootElement;

        Assert.Equal("https://json-schema.org/draft/2020-12/schema", root.GetProperty("$schema").GetString());
        Assert.Equal("import-mapping.schema.json", root.GetProperty("$id").GetString());
        Assert.False(string.IsNullOrWhiteSpace(root.GetProperty("title").GetString()));
        var metaResult = MetaSchemas.Draft202012.Evaluate(root, new EvaluationOptions { OutputFormat = OutputFormat.List });
        Assert.True(metaResult.IsValid, Errors(metaResult));
    }

    [Fact]
    public void Schema_EveryProperty_HasADescription()
    {
        var missing = new List<string>();
        using var document = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        Walk(document.RootElement, "#");
        Assert.Empty(missing);

        void Walk(JsonElement schema, string path)
        {
            if (schema.ValueKind != JsonValueKind.Object)
            {
                return;
            }

            foreach (var keyword in new[] { "properties", "patternProperties", "$defs" })
            {
                if (schema.TryGetProperty(keyword, out var children))
                {
                    foreach (var child in children.EnumerateObject())
                    {
                        if (!child.Value.TryGetProperty("description", out _))
                        {
                            missing.Add($"{path}/{keyword}/{child.Name}");
                        }

                        Walk(child.Value, $"{path}/{keyword}/{child.Name}");
                    }
                }
            }

            foreach (var keyword in new[] { "additionalProperties", "items" })
            {
                if (schema.TryGetProperty(keyword, out var child))
                {
                    Walk(child, $"{path}/{keyword}");
                }
            }

            foreach (var keyword in new[] { "anyOf", "oneOf" })
            {
                if (schema.TryGetProperty(keyword, out var branches))
                {
                    var i = 0;
                    foreach (var branch in branches.EnumerateArray())
                    {
                        Walk(branch, $"{path}/{keyword}/{i++}");
                    }
                }
            }
        }
    }

    [Fact]
    public void Presets_TheFolderHoldsExactlyTheBuiltInPresets()
    {
        var files = Directory.GetFiles(RepositoryRoot.Path("src", "CrmKit.Customers", "Import", "Presets"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => n != "header-aliases")
            .Order(StringComparer.Ordinal);

        Assert.Equal(ImportMapping.PresetNames, files);
    }

    [Theory]
    [MemberData(nameof(Presets))]
    public void Preset_ValidatesAgainstTheSchema(string name)
    {
        var json = File.ReadAllText(RepositoryRoot.Path("src", "CrmKit.Customers", "Import", "Presets", name + ".json"));
        Assert.Equal(ImportMapping.PresetJson(name), json);

        var result = Evaluate(json);

        Assert.True(result.IsValid, Errors(result));
    }

    public static TheoryData<string, string> BrokenMappings => new()
    {
        // Unknown keys.
        { "unknown root key", """{ "fromat": {} }""" },
        { "root key in the wrong case", """{ "Orders": {} }""" },
        { "unknown format key", """{ "format": { "numberformat": "vi" } }""" },
        { "unknown file key", """{ "orders": { "colums": { "order_id": "Mã" } } }""" },
        { "format key in a file", """{ "orders": { "zone": "UTC" } }""" },
        { "file key at the root", """{ "columns": {} }""" },
        // Unknown fields.
        { "unknown field", """{ "customers": { "columns": { "nmae": "Tên" } } }""" },
        { "field in the wrong case", """{ "customers": { "columns": { "Customer_ID": "Mã" } } }""" },
        { "field of another kind", """{ "referrals": { "columns": { "customer_id": "Mã" } } }""" },
        { "orders field in order_lines", """{ "order_lines": { "columns": { "total": "Tổng" } } }""" },
        { "consent column outside customers and orders", """{ "consents": { "columns": { "consent.email.marketing": "Email" } } }""" },
        { "consent column for in-person contact", """{ "customers": { "columns": { "consent.in_person.marketing": "Tại quầy" } } }""" },
        { "consent column with an unknown purpose", """{ "customers": { "columns": { "consent.email.promotion": "Email" } } }""" },
        { "consent column with a third part", """{ "orders": { "columns": { "consent.email.marketing.daily": "Email" } } }""" },
        { "consent column with a capital prefix", """{ "orders": { "columns": { "Consent.email.marketing": "Email" } } }""" },
        // Bad enum values.
        { "bad number format", """{ "format": { "numberFormat": "de" } }""" },
        { "bad date order", """{ "format": { "dateOrder": "dym" } }""" },
        { "date order with a space", """{ "format": { "dateOrder": "day first" } }""" },
        { "bad delimiter", """{ "format": { "delimiter": ":" } }""" },
        { "delimiter TAB in capitals", """{ "format": { "delimiter": "TAB" } }""" },
        { "delimiter with a space", """{ "orders": { "format": { "delimiter": " ;" } } }""" },
        { "unknown currency", """{ "format": { "currency": "XYZ" } }""" },
        { "bad amount", """{ "orders": { "amount": "sum" } }""" },
        { "amount in capitals", """{ "orders": { "amount": "Total" } }""" },
        // Orders-only settings elsewhere.
        { "amount under customers", """{ "customers": { "amount": "lines" } }""" },
        { "cancelledOrderPrefix under order_lines", """{ "order_lines": { "cancelledOrderPrefix": "C" } }""" },
        { "guestCustomers under customers", """{ "customers": { "guestCustomers": ["Khách lẻ"] } }""" },
        { "amount at the root", """{ "amount": "total" }""" },
        // Bad value maps.
        { "bad value-map target", """{ "customers": { "values": { "gender": { "Nam": "man" } } } }""" },
        { "value-map target in another case", """{ "orders": { "values": { "status": { "Xong": "Completed" } } } }""" },
        { "order status of tickets", """{ "orders": { "values": { "status": { "Mở": "open" } } } }""" },
        { "in_person as a sales channel", """{ "orders": { "values": { "channel": { "Quầy": "in_person" } } } }""" },
        { "lower-case currency target", """{ "orders": { "values": { "currency": { "đ": "vnd" } } } }""" },
        { "unknown currency target", """{ "orders": { "values": { "currency": { "Bitcoin": "BTC" } } } }""" },
        { "yes/no flag mapped to true", """{ "orders": { "values": { "returned": { "Đã trả": "true" } } } }""" },
        { "consent mapped to a Vietnamese yes", """{ "customers": { "values": { "consent.sms.marketing": { "Có": "có" } } } }""" },
        { "value-map target not a string", """{ "feedback": { "values": { "kind": { "Sao": 5 } } } }""" },
        { "value map not an object", """{ "tickets": { "values": { "priority": "high" } } }""" },
        { "values of a free-text field", """{ "customers": { "values": { "name": { "A": "B" } } } }""" },
        { "values of a field free in that kind", """{ "consents": { "values": { "source": { "web": "website" } } } }""" },
        { "values of a field of another kind", """{ "tickets": { "values": { "direction": { "vào": "inbound" } } } }""" },
        { "values in a kind without fixed values", """{ "order_lines": { "values": { "sku": { "A": "B" } } } }""" },
        { "values of an unknown field", """{ "orders": { "values": { "state": { "A": "completed" } } } }""" },
        // Bad shapes.
        { "root not an object", """[]""" },
        { "file not an object", """{ "orders": "kiotviet" }""" },
        { "file null", """{ "orders": null }""" },
        { "format null", """{ "format": null }""" },
        { "columns a list", """{ "orders": { "columns": ["order_id"] } }""" },
        { "column name a number", """{ "orders": { "columns": { "order_id": 7 } } }""" },
        { "column name null", """{ "orders": { "columns": { "order_id": null } } }""" },
        { "column name empty", """{ "orders": { "columns": { "order_id": "" } } }""" },
        { "column name blank in a list", """{ "orders": { "columns": { "order_id": ["Mã", " "] } } }""" },
        { "column name list with a number", """{ "orders": { "columns": { "order_id": ["Mã", 1] } } }""" },
        { "name blank", """{ "name": "   " }""" },
        { "description a number", """{ "description": 1 }""" },
        { "guestCustomers null", """{ "orders": { "guestCustomers": null } }""" },
        { "dateFormats null", """{ "format": { "dateFormats": null } }""" },
        { "zone a number", """{ "format": { "zone": 7 } }""" },
        { "cancelledOrderPrefix blank", """{ "orders": { "cancelledOrderPrefix": "\u00A0" } }""" },
    };

    [Theory]
    [MemberData(nameof(BrokenMappings))]
    public void BrokenMapping_FailsBothTheSchemaAndTheReader(string why, string json)
    {
        Assert.False(Evaluate(json).IsValid, $"The schema accepts a mapping with {why}: {json}");
        Assert.Throws<InvalidValueException>(() => ImportMapping.Parse(json));
    }

    public static TheoryData<string, string> ValidMappings => new()
    {
        { "nothing", "{}" },
        {
            "comments at every level",
            """
            {
              "$schema": "../docs/import-mapping.schema.json",
              "_comment": "shop X",
              "format": { "_why": ["any", "value"] },
              "orders": {
                "_note": 1,
                "columns": { "_todo": null, "order_id": "Số HĐ" },
                "values": { "_": {}, "status": { "_source": "the shop's admin", "Xong": "completed" } },
                "format": { "_": true }
              },
              "referrals": { "values": { "_none": "no field of referrals has fixed values" } }
            }
            """
        },
        {
            "a mapping of every kind",
            """
            {
              "name": "my-shop",
              "description": "Everything the shop exports.",
              "source": "Sample exports, August 2025",
              "format": { "numberFormat": "vi", "dateOrder": "dmy", "dateFormats": ["dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy"], "zone": "Asia/Ho_Chi_Minh", "currency": "VND", "encoding": "windows-1258", "delimiter": ";", "sheet": "Sheet1" },
              "customers": {
                "columns": { "customer_id": "Mã KH", "phone": ["SĐT", "Điện thoại"], "consent.zalo.marketing": "Nhận tin Zalo" },
                "values": { "gender": { "Nam": "male", "Nữ": "female" }, "source": { "Giới thiệu": "referral" }, "stage": { "Thân thiết": "loyalty" }, "consent.zalo.marketing": { "Có": "yes", "Không": "no" } }
              },
              "orders": {
                "columns": { "order_id": "Mã đơn", "placed_at": "Ngày", "total": "Tổng", "returned": "Trả hàng", "consent.phone_call.transactional": "Gọi xác nhận" },
                "values": { "status": { "Xong": "completed", "Chờ": "pending" }, "channel": { "Shopee": "marketplace" }, "currency": { "đ": "VND", "US$": "USD" }, "returned": { "Có": "yes" } },
                "format": { "numberFormat": "en", "delimiter": "\t" },
                "amount": "total",
                "cancelledOrderPrefix": "C",
                "guestCustomers": "Khách lẻ"
              },
              "order_lines": { "columns": { "order_id": "Mã đơn", "sku": "Mã hàng", "quantity": "SL", "unit_price": "Đơn giá", "tags": "Nhóm" } },
              "consents": { "columns": { "channel": "Kênh" }, "values": { "channel": { "Gọi": "phone_call" }, "purpose": { "QC": "marketing" }, "status": { "Đồng ý": "granted" } } },
              "interactions": { "values": { "channel": { "Tại quầy": "in_person" }, "direction": { "Gọi đi": "outbound" }, "outcome": { "Hẹn lại": "follow_up_needed" } } },
              "feedback": { "columns": { "score": "Điểm" }, "values": { "kind": { "Sao": "star_rating" } } },
              "tickets": { "values": { "channel": { "Chat": "chat" }, "priority": { "Gấp": "urgent" }, "status": { "Tạm dừng": "on_hold" } } },
              "referrals": { "columns": { "referrer_id": "Người giới thiệu", "referred_id": "Khách mới", "at": "Ngày" } }
            }
            """
        },
        {
            "the spellings the reader also accepts",
            """
            {
              "format": { "numberFormat": " VI ", "dateOrder": "Day_First", "currency": " vnđ ", "delimiter": "tab", "dateFormats": "M/d/yy H:mm" },
              "customers": { "columns": { "consent.Email.Marketing": "Accepts Email Marketing", "consent.phone-call.marketing": "Gọi" } },
              "orders": { "format": { "currency": "₫", "dateOrder": "MONTHFIRST" }, "amount": " lines " }
            }
            """
        },
        {
            "nulls for settings that may be unset",
            """{ "name": null, "format": { "zone": null, "currency": null, "delimiter": null, "numberFormat": null, "encoding": null, "sheet": null }, "orders": { "amount": null, "cancelledOrderPrefix": null } }"""
        },
        { "an empty list of column names", """{ "orders": { "columns": { "sku": [] }, "guestCustomers": [] } }""" },
        { "any value under $schema", """{ "$schema": 5 }""" },
    };

    [Theory]
    [MemberData(nameof(ValidMappings))]
    public void ValidMapping_PassesBothTheSchemaAndTheReader(string why, string json)
    {
        var result = Evaluate(json);
        Assert.True(result.IsValid, $"The schema rejects {why}: {Errors(result)}");
        _ = ImportMapping.Parse(json);
    }

    public static TheoryData<string> SpelledSettings => ["numberFormat", "dateOrder", "amount", "delimiter", "currency", "consent column", "consent value map", "text"];

    /// <summary>
    /// The lenient settings (case, white space, '_' or '-') and the consent column names, in many spellings: the schema
    /// accepts each exactly when the reader does.
    /// </summary>
    [Theory]
    [MemberData(nameof(SpelledSettings))]
    public void Spelling_IsAcceptedByTheSchemaExactlyWhenTheReaderAcceptsIt(string setting)
    {
        var (words, mapping) = Setting(setting);
        var disagreements = new List<string>();
        var accepted = 0;
        foreach (var spelling in words.SelectMany(Spellings).Distinct(StringComparer.Ordinal))
        {
            var json = mapping(spelling).ToJsonString();
            var bySchema = Evaluate(json).IsValid;
            var byReader = ReaderAccepts(json);
            accepted += byReader ? 1 : 0;
            if (bySchema != byReader)
            {
                disagreements.Add($"{json}: schema {(bySchema ? "accepts" : "rejects")}, reader {(byReader ? "accepts" : "rejects")}");
            }
        }

        Assert.Empty(disagreements);
        Assert.True(accepted > 0, "No spelling was accepted: the test checks nothing.");
    }

    [Theory]
    [InlineData("numberFormat")]
    [InlineData("dateOrder")]
    [InlineData("dateFormats")]
    [InlineData("zone")]
    [InlineData("currency")]
    [InlineData("encoding")]
    [InlineData("delimiter")]
    [InlineData("sheet")]
    public void FormatSetting_OfEveryJsonType_IsAcceptedByTheSchemaExactlyWhenTheReaderAcceptsIt(string key)
    {
        Assert.Contains(key, FormatKeys);
        foreach (var value in new[] { "null", "7", "true", "[]", "{}", "\"\"", "[\"dd/MM/yyyy\"]" })
        {
            var json = $$"""{ "format": { "{{key}}": {{value}} } }""";
            var bySchema = Evaluate(json).IsValid;
            var byReader = ReaderAccepts(json);
            Assert.True(bySchema == byReader, $"{json}: schema {(bySchema ? "accepts" : "rejects")}, reader {(byReader ? "accepts" : "rejects")}");
        }
    }

    /// <summary>The schema's fields, value maps and settings are the reader's, so neither can grow without the other.</summary>
    [Fact]
    public void Schema_NamesExactlyTheReadersKindsFieldsAndVocabularies()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(SchemaPath));
        var root = document.RootElement;
        var defs = root.GetProperty("$defs");

        Assert.Equal(["$schema", "name", "description", "source", "format", .. ImportFields.Kinds.Select(k => k.Key)], Keys(root.GetProperty("properties")));
        Assert.Equal(FormatKeys, Keys(defs.GetProperty("format").GetProperty("properties")));
        foreach (var (kind, key) in ImportFields.Kinds)
        {
            var file = defs.GetProperty(key + "File");
            var properties = file.GetProperty("properties");
            string[] fileKeys = kind == ImportFileKind.Orders ? ["columns", "values", "format", "amount", "cancelledOrderPrefix", "guestCustomers"] : ["columns", "values", "format"];
            Assert.Equal(fileKeys, Keys(properties));

            var columns = properties.GetProperty("columns");
            Assert.Equal(ImportFields.Of(kind).Select(f => f.Name), Keys(columns.GetProperty("properties")));
            Assert.Equal(ImportFields.HasConsentColumns(kind) ? 2 : 1, columns.GetProperty("patternProperties").EnumerateObject().Count());

            var values = properties.GetProperty("values");
            var withVocabulary = ImportFields.Of(kind).Select(f => f.Name).Where(f => FieldVocabulary.Of(kind, f) is not null).ToList();
            Assert.Equal(withVocabulary, values.TryGetProperty("properties", out var maps) ? Keys(maps) : []);
            foreach (var field in withVocabulary)
            {
                var map = maps.GetProperty(field);
                if (map.TryGetProperty("$ref", out var reference))
                {
                    map = defs.GetProperty(reference.GetString()!.Split('/')[^1]);
                }

                Assert.Equal(FieldVocabulary.Of(kind, field)!, map.GetProperty("additionalProperties").GetProperty("enum").EnumerateArray().Select(e => e.GetString()!));
            }
        }
    }

    [Fact]
    public void ConsentValueMap_UnderTheCanonicalSpellingOfItsColumn_IsApplied()
        => Assert.True(ConsentGrantedWithValueMapUnder("consent.email.marketing"));

    [Fact]
    public void ConsentValueMap_UnderAnotherSpellingOfItsColumn_IsApplied()
        => Assert.True(ConsentGrantedWithValueMapUnder("consent.Email.Marketing"));

    /// <summary>Whether a customer's consent is granted when the yes/no word of the file ("Đăng ký") is mapped under the given key.</summary>
    private static bool ConsentGrantedWithValueMapUnder(string key)
    {
        using var folder = new TemporaryFolder();
        var customers = folder.Write("customers.csv", "Customer ID,Email,Nhận email\nC1,an@example.com,Đăng ký\n"u8.ToArray());
        var json = new JsonObject
        {
            ["customers"] = new JsonObject
            {
                ["columns"] = new JsonObject { ["consent.email.marketing"] = "Nhận email" },
                ["values"] = new JsonObject { [key] = new JsonObject { ["Đăng ký"] = "yes" } },
            },
        }.ToJsonString();
        Assert.True(Evaluate(json).IsValid);
        var exported = Instant.FromUtc(2025, 12, 1, 0, 0);

        var data = CustomerDataSet.Read(new CustomerFiles { Customers = customers }, new CsvImportOptions { Mapping = ImportMapping.Parse(json), ExportedAt = exported });

        return data.Customers[0].Consents.IsGrantedAt(ContactChannel.Email, ContactPurpose.Marketing, exported);
    }

    private static (string[] Words, Func<string, JsonNode> Mapping) Setting(string setting) => setting switch
    {
        "numberFormat" => (["vi", "vn", "vietnamese", "en", "english", "auto", "de", "v"], Format("numberFormat")),
        "dateOrder" => (["dmy", "day-first", "dayfirst", "mdy", "month_first", "monthfirst", "ymd", "year-first", "yearfirst", "auto", "dym"], Format("dateOrder")),
        "amount" => (["total", "lines", "sum"], text => new JsonObject { ["orders"] = new JsonObject { ["amount"] = text } }),
        "delimiter" => ([",", ";", "|", "\t", "tab", ":", "\\t"], Format("delimiter")),
        "currency" => (["VND", "usd", "ISK", "sek", "CHF", "VNĐ", "Đ", "₫", "ĐỒNG", "Đồng", "dong", "$", "US$", "€", "£", "XYZ", "VN"], Format("currency")),
        "consent column" => (ConsentColumns(), text => new JsonObject { ["customers"] = new JsonObject { ["columns"] = new JsonObject { [text] = "Cột" } } }),
        "consent value map" => (ConsentColumns(), text => new JsonObject { ["orders"] = new JsonObject { ["values"] = new JsonObject { [text] = new JsonObject { ["Có"] = "yes" } } } }),
        "text" => (["a", "Khách lẻ", " ", "\u00A0", "\u3000", "\uFEFF", "\u200B", "\t\n"], text => new JsonObject
        {
            ["name"] = text,
            ["orders"] = new JsonObject { ["columns"] = new JsonObject { ["order_id"] = text, ["sku"] = new JsonArray("Mã", text) }, ["guestCustomers"] = text, ["cancelledOrderPrefix"] = text },
        }),
        _ => throw new ArgumentOutOfRangeException(nameof(setting), setting, "Not a setting of this test."),
    };

    private static Func<string, JsonNode> Format(string key) => text => new JsonObject { ["format"] = new JsonObject { [key] = text } };

    private static EvaluationResults Evaluate(string json)
    {
        using var document = JsonDocument.Parse(json);
        return Schema.Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
    }

    private static bool ReaderAccepts(string json)
    {
        try
        {
            _ = ImportMapping.Parse(json);
            return true;
        }
        catch (InvalidValueException)
        {
            return false;
        }
    }

    private static string Errors(EvaluationResults result)
        => string.Join(Environment.NewLine, new[] { result }.Concat(result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} ({d.EvaluationPath}): {e.Key}: {e.Value}")));

    private static string[] Keys(JsonElement element) => [.. element.EnumerateObject().Select(p => p.Name)];

    private static string[] ConsentColumns() =>
    [
        .. ConsentChannelSpellings.Select(c => $"consent.{c}.marketing"),
        "consent.email.transactional", "consent.email.Transactional", "consent.email.promotion", "consent.email", "consent.email.marketing.x",
        "Consent.email.marketing", " consent.email.marketing", "consent..marketing", "consent.email.", "email.marketing",
    ];

    /// <summary>A word in the spellings people and tools give it, and a few near misses.</summary>
    private static IEnumerable<string> Spellings(string word)
    {
        string[] affixes = [" ", "  ", "\t", "\n", "\u00A0", "\u3000", "\u2009", "\uFEFF", "\u200B", "_", "-", " _", "_ ", "._"];
        yield return word;
        yield return word.ToUpperInvariant();
        yield return word.ToLowerInvariant();
        yield return string.Concat(word.Select((c, i) => i % 2 == 0 ? char.ToUpperInvariant(c) : char.ToLowerInvariant(c)));
        yield return word[..^1];
        yield return word + "x";
        yield return word + word[^1];
        foreach (var affix in affixes)
        {
            yield return affix + word;
            yield return word + affix;
            yield return affix + word + affix;
            if (word.Length > 1)
            {
                yield return word[..1] + affix + word[1..];
                yield return word[..^1] + affix + word[^1..];
            }
        }

        foreach (var (from, to) in new[] { ('k', '\u212A'), ('K', '\u212A'), ('s', '\u017F'), ('S', '\u017F'), ('i', '\u0130'), ('i', '\u0131'), ('-', '_'), ('_', '-'), ('_', ' '), ('.', ' ') })
        {
            yield return word.Replace(from, to);
            yield return word.ToUpperInvariant().Replace(char.ToUpperInvariant(from), to);
        }
    }
}
