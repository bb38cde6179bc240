using DongNai.Domain.Listings;
using DongNai.Domain.Listings.BusRoutes;
using DongNai.Domain.Listings.Classifieds;
using DongNai.Domain.Listings.Jobs;
using DongNai.Domain.Listings.Rentals;
using DongNai.Domain.Listings.Vouchers;

namespace DongNai.Search.Understanding;

/// <summary>How a phrase may match when the user typed it without accents.</summary>
internal enum Unaccented
{
    /// <summary>Folded words are enough ("gia re" is "giá rẻ").</summary>
    Accept = 0,

    /// <summary>Only as written with its accents: without them the word is too common ("toi" is mostly "tôi", not "tối").</summary>
    Reject = 1,

    /// <summary>Without accents only when a number follows ("tuyen 5" is a bus route, "tuyen cong nhan" a job).</summary>
    BeforeNumber = 2,

    /// <summary>Without accents only when no number follows.</summary>
    NotBeforeNumber = 3,
}

/// <summary>What a phrase of the vocabulary stands for.</summary>
internal abstract record PhraseMeaning;

internal sealed record CheapMeaning : PhraseMeaning;

internal sealed record IntentMeaning(ListingKind Kind, double Weight) : PhraseMeaning;

internal sealed record NeedMeaning(ListingKind Kind, string Filter, string Code) : PhraseMeaning;

internal sealed record DaypartMeaning(TimeOnly From, TimeOnly To) : PhraseMeaning;

internal sealed record FillerMeaning : PhraseMeaning;

/// <summary>A money word and the listing money it names ("lương" → salary), or none for comparators and units.</summary>
internal sealed record MoneyNounMeaning(MoneyField Field) : PhraseMeaning;

internal enum Bound
{
    /// <summary>At most the amount: "dưới", "tối đa", "&lt;", "trở xuống".</summary>
    Max = 1,

    /// <summary>At least the amount: "trên", "tối thiểu", "&gt;", "trở lên".</summary>
    Min = 2,

    /// <summary>A band around the amount: "khoảng", "tầm", "~".</summary>
    About = 3,

    /// <summary>"từ": the start of a range, or at least the amount when no end follows.</summary>
    From = 4,

    /// <summary>Between two amounts: "-", "đến", "tới".</summary>
    To = 5,
}

internal sealed record BoundMeaning(Bound Bound) : PhraseMeaning;

internal enum QuantityUnit
{
    None = 0,
    Dong = 1,
    Thousand = 2,
    Million = 3,
    Billion = 4,
    SquareMetre = 5,
    Hour = 6,
}

internal sealed record UnitMeaning(QuantityUnit Unit) : PhraseMeaning;

/// <summary>One phrase as written (with accents, normalised), and what it means.</summary>
internal sealed record VocabularyEntry(string Phrase, PhraseMeaning Meaning, Unaccented Unaccented = Unaccented.Accept, string[]? NotBefore = null);

/// <summary>
/// The Vietnamese words the interpreter understands, as data: pure, immutable, read once by the
/// <see cref="QueryInterpreter"/> constructor, which folds them, builds its tries and checks every
/// need code against the kind's own keyword filter (a code the descriptor does not accept stops
/// the service at start). Phrases are written as people type them, with their accents; matching
/// ignores accents unless the entry says otherwise (<see cref="Unaccented"/>), and a word typed with
/// accents must carry the entry's accents.
/// </summary>
internal static class QueryVocabulary
{
    /// <summary>Words of a month or a trip that turn "mới" into "mỗi" when typed without accents.</summary>
    private static readonly string[] EveryWords = ["thang", "ngay", "nguoi", "luot", "lan", "tuan", "nam", "chuyen"];

    /// <summary>Words that point at a kind (cross-kind intent), kind-specific needs, and "cheap".</summary>
    public static IEnumerable<VocabularyEntry> Phrases()
    {
        foreach (var entry in Intents().Concat(Needs()))
        {
            yield return entry;
        }

        foreach (var phrase in Split("giá rẻ|rẻ|rẻ nhất|giá rẻ nhất|giá tốt|giá mềm|giá sinh viên|giá bình dân|bình dân"))
        {
            yield return new VocabularyEntry(phrase, new CheapMeaning());
        }
    }

    /// <summary>Parts of the day, for bus departures ("6h sáng", "xe buýt buổi tối").</summary>
    public static IEnumerable<VocabularyEntry> Dayparts()
    {
        static DaypartMeaning Window(int from, int to) => new(new TimeOnly(from, 0), new TimeOnly(to, 59));

        yield return new("sáng", Window(5, 10), Unaccented.Reject);
        yield return new("buổi sáng", Window(5, 10));
        yield return new("sáng sớm", Window(4, 6));
        yield return new("trưa", Window(11, 12));
        yield return new("buổi trưa", Window(11, 12));
        yield return new("chiều", Window(13, 17));
        yield return new("buổi chiều", Window(13, 17));
        yield return new("tối", Window(18, 22), Unaccented.Reject);
        yield return new("buổi tối", Window(18, 22));
        yield return new("đêm", Window(22, 4), Unaccented.Reject);
        yield return new("ban đêm", Window(22, 4));
        yield return new("khuya", Window(22, 4));
        yield return new("đêm khuya", Window(22, 4));
    }

    /// <summary>Words that carry nothing to match ("cần tìm", "mình"): dropped from the remaining text.</summary>
    public static IEnumerable<VocabularyEntry> Fillers()
    {
        foreach (var phrase in Split("cần|tìm|cần tìm|tìm kiếm|kiếm|muốn|giúp|nhé"))
        {
            yield return new VocabularyEntry(phrase, new FillerMeaning());
        }

        foreach (var phrase in Split("mình|có|ạ|ơi|với"))
        {
            yield return new VocabularyEntry(phrase, new FillerMeaning(), Unaccented.Reject);
        }
    }

    /// <summary>Money words: the listing money they name, comparators, range words and units.</summary>
    public static IEnumerable<VocabularyEntry> MoneyWords()
    {
        foreach (var (phrases, field) in new[]
        {
            ("lương|mức lương|thu nhập|lương cứng", MoneyField.Salary),
            ("giá|giá thuê|giá phòng|giá bán|tiền phòng|tiền thuê", MoneyField.Price),
            ("giá vé|vé|tiền vé", MoneyField.Fare),
        })
        {
            foreach (var phrase in Split(phrases))
            {
                yield return new VocabularyEntry(phrase, new MoneyNounMeaning(field));
            }
        }

        foreach (var (phrases, bound) in new[]
        {
            ("dưới|<|<=|≤|tối đa|không quá|ko quá|không hơn|max|ít hơn|thấp hơn|nhỏ hơn|rẻ hơn|chưa tới|chưa đến", Bound.Max),
            ("trên|>|>=|≥|tối thiểu|ít nhất|hơn|min|cao hơn|lớn hơn|từ trên", Bound.Min),
            ("khoảng|tầm|chừng|xấp xỉ|~|quanh|tầm khoảng|khoảng tầm|cỡ khoảng|loanh quanh", Bound.About),
            ("từ", Bound.From),
        })
        {
            foreach (var phrase in Split(phrases))
            {
                yield return new VocabularyEntry(phrase, new BoundMeaning(bound));
            }
        }

        // "cỡ" without accents is mostly "có".
        yield return new VocabularyEntry("cỡ", new BoundMeaning(Bound.About), Unaccented.Reject);
    }

    /// <summary>Words between the two ends of a range.</summary>
    public static IEnumerable<VocabularyEntry> RangeWords()
    {
        foreach (var phrase in Split("-|đến|~"))
        {
            yield return new VocabularyEntry(phrase, new BoundMeaning(Bound.To));
        }

        // "toi" between two amounts is "tới", never "tôi"; typed with accents it must be "tới".
        yield return new VocabularyEntry("tới", new BoundMeaning(Bound.To));
    }

    /// <summary>Words after an amount: "trở lên", "đổ lại", and per-month or per-trip tails that add nothing.</summary>
    public static IEnumerable<VocabularyEntry> AfterAmountWords()
    {
        foreach (var phrase in Split("trở lên|đổ lên|trở đi"))
        {
            yield return new VocabularyEntry(phrase, new BoundMeaning(Bound.Min));
        }

        foreach (var phrase in Split("trở xuống|đổ lại|đổ xuống|trở lại|đổ về"))
        {
            yield return new VocabularyEntry(phrase, new BoundMeaning(Bound.Max));
        }

        foreach (var phrase in Split("/tháng|/th|/lượt|/vé|/chuyến|/người|/ngày|/phòng|một tháng|mỗi tháng|1 tháng|một lượt|mỗi lượt|1 lượt|/ 1 tháng|mỗi chuyến"))
        {
            yield return new VocabularyEntry(phrase, new FillerMeaning());
        }
    }

    /// <summary>Unit words written apart from the number ("2 triệu", "500 nghìn", "20 m2", "6 giờ").</summary>
    public static IEnumerable<VocabularyEntry> UnitWords()
    {
        foreach (var (phrases, unit) in new[]
        {
            ("triệu|tr|củ", QuantityUnit.Million),
            ("nghìn|ngàn|k", QuantityUnit.Thousand),
            ("đ|đồng|vnd|vnđ", QuantityUnit.Dong),
            ("tỷ|tỉ", QuantityUnit.Billion),
            ("m2|m²|mét vuông|m vuông", QuantityUnit.SquareMetre),
            ("giờ|h", QuantityUnit.Hour),
        })
        {
            foreach (var phrase in Split(phrases))
            {
                yield return new VocabularyEntry(phrase, new UnitMeaning(unit));
            }
        }
    }

    /// <summary>Words before a money amount that make it something else than a price or salary: a discount, a bonus, a deposit.</summary>
    public static IReadOnlySet<string> NotMoneyAfter { get; } =
        new HashSet<string>(["giam", "tang", "thuong", "coc", "hoan", "cap", "off", "tiet kiem"], StringComparer.Ordinal);

    /// <summary>Words before a place name that make it a street: "đường Quang Trung" is not the commune.</summary>
    public static IReadOnlySet<string> StreetWords { get; } =
        new HashSet<string>(["duong", "pho", "hem", "ngo", "kiet", "ap", "to", "khu pho", "cho", "truong", "cong ty", "cty", "benh vien"], StringComparer.Ordinal);

    /// <summary>Words before a place name that say "near, in or to this place"; the place words follow them.</summary>
    public static IEnumerable<VocabularyEntry> PlaceCues()
    {
        foreach (var phrase in Split("gần|ở|tại|khu vực|quanh|xung quanh|cạnh|sát|địa bàn|gần với|ở gần|đi|về|đến|tới"))
        {
            yield return new VocabularyEntry(phrase, new FillerMeaning());
        }
    }

    /// <summary>
    /// Common two-word phrases that are also the name of a commune or an old ward: taken as a place
    /// only after a cue ("ở Thuận Lợi"), never bare ("đi lại thuận lợi").
    /// </summary>
    public static IReadOnlySet<string> CommonPhraseNames { get; } = new HashSet<string>(
        [
            "thuan loi", "dong tien", "binh minh", "hoa binh", "doan ket", "thong nhat", "quyet thang", "tan tien",
            "binh an", "an binh", "tan lap", "tri an", "hung thinh", "long an", "quang trung", "thanh binh",
            "minh tam", "nhan nghia", "quang vinh", "trung dung", "phu loi", "tan hung", "phu cuong", "tien hung",
            "dong tam", "an loc", "phu quy", "thanh tam", "hoa an", "phu an", "tam an", "binh loi", "phuoc an",
            "lo 25", "doi 61", "duong 10", "det may", "binh phuoc", "dong hoa",
        ],
        StringComparer.Ordinal);

    private static IEnumerable<VocabularyEntry> Intents()
    {
        foreach (var (phrases, kind) in new[]
        {
            ("phòng trọ|nhà trọ|phòng cho thuê|cho thuê|thuê phòng|thuê nhà|căn hộ|chung cư|ở ghép", ListingKind.Rental),
            ("tuyển dụng|cần tuyển|tuyển gấp|việc làm|tìm việc|xin việc|việc làm thêm", ListingKind.Job),
            ("voucher|khuyến mãi|khuyến mại|giảm giá|ưu đãi|mã giảm giá|coupon", ListingKind.Voucher),
            ("xe buýt|xe bus|xe buyt|buýt|bus|tuyến xe|tuyến xe buýt|tuyến số|lịch xe|xe đi|xe khách", ListingKind.BusRoute),
            ("cần bán|thanh lý|pass lại|pass|đồ cũ|bán gấp|hàng cũ", ListingKind.Classified),
            ("tin tức|bản tin|thời sự|tin mới", ListingKind.News),
        })
        {
            foreach (var phrase in Split(phrases))
            {
                yield return new VocabularyEntry(phrase, new IntentMeaning(kind, 1));
            }
        }

        // One syllable, several words without accents: "tuyen" is "tuyển" (hire) or "tuyến" (route),
        // "ban" is "bán" (sell) or "bạn", "bàn" (table), "cu" is "cũ" (used) or "củ" (a million).
        yield return new("tuyển", new IntentMeaning(ListingKind.Job, 1), Unaccented.NotBeforeNumber);
        yield return new("tuyến", new IntentMeaning(ListingKind.BusRoute, 1), Unaccented.BeforeNumber);
        yield return new("bán", new IntentMeaning(ListingKind.Classified, 1), Unaccented.Reject);
        yield return new("cũ", new IntentMeaning(ListingKind.Classified, 0.5));
    }

    private static IEnumerable<VocabularyEntry> Needs()
    {
        var needs = new (string Phrases, ListingKind Kind, string Filter, string Code)[]
        {
            ("ca đêm|làm đêm|làm ca đêm|ca tối|làm ban đêm", ListingKind.Job, JobKind.Shift, Code(JobShift.Night)),
            ("ca ngày|làm ca ngày|ca sáng|làm ban ngày|giờ hành chính|ca hành chính|hành chính", ListingKind.Job, JobKind.Shift, Code(JobShift.Day)),
            ("xoay ca|ca xoay|đảo ca|3 ca|ba ca", ListingKind.Job, JobKind.Shift, Code(JobShift.Rotating)),
            ("toàn thời gian|full time|fulltime|full-time|chính thức", ListingKind.Job, JobKind.JobType, Code(JobType.FullTime)),
            ("bán thời gian|part time|parttime|part-time|làm thêm|việc làm thêm", ListingKind.Job, JobKind.JobType, Code(JobType.PartTime)),
            ("thời vụ|làm thời vụ", ListingKind.Job, JobKind.JobType, Code(JobType.Seasonal)),
            ("bao ăn|bao cơm|cơm ca|có cơm ca|bao ăn trưa|bao ăn ở|hỗ trợ cơm|có cơm trưa", ListingKind.Job, JobKind.Benefits, Code(JobBenefits.Meals)),
            ("xe đưa rước|xe đưa đón|đưa rước|đưa đón|có xe đưa rước|xe đưa rước công nhân", ListingKind.Job, JobKind.Benefits, Code(JobBenefits.ShuttleBus)),
            ("ký túc xá|kí túc xá|ktx|bao ở|bao ăn ở|chỗ ở|hỗ trợ chỗ ở|có chỗ ở", ListingKind.Job, JobKind.Benefits, Code(JobBenefits.Dormitory)),

            ("phòng trọ|nhà trọ|phòng cho thuê|trọ", ListingKind.Rental, RentalKind.RentalType, Code(RentalType.Room)),
            ("căn hộ|chung cư|căn hộ chung cư|căn hộ mini|chung cư mini", ListingKind.Rental, RentalKind.RentalType, Code(RentalType.Apartment)),
            ("nhà nguyên căn|nguyên căn", ListingKind.Rental, RentalKind.RentalType, Code(RentalType.WholeHouse)),
            ("ký túc xá|kí túc xá|ktx", ListingKind.Rental, RentalKind.RentalType, Code(RentalType.Dormitory)),
            ("mặt bằng|mặt bằng kinh doanh", ListingKind.Rental, RentalKind.RentalType, Code(RentalType.BusinessPremises)),
            ("máy lạnh|có máy lạnh|điều hòa|máy điều hòa|có điều hòa|có máy điều hòa", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.AirConditioner)),
            ("wc riêng|vệ sinh riêng|nhà vệ sinh riêng|toilet riêng|vs riêng|wc khép kín|khép kín|phòng tắm riêng", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.PrivateBathroom)),
            ("wifi|wi-fi|có wifi|internet", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.Wifi)),
            ("chỗ để xe|để xe|bãi xe|chỗ để xe máy|giữ xe|bãi giữ xe|chỗ đậu xe|có chỗ để xe|có bãi xe", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.Parking)),
            ("bếp|có bếp|bếp riêng|nấu ăn|được nấu ăn", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.Kitchen)),
            ("máy nước nóng|nước nóng|bình nóng lạnh|có nước nóng|có máy nước nóng", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.WaterHeater)),
            ("đầy đủ nội thất|full nội thất|nội thất|có nội thất|đủ nội thất", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.Furnished)),
            ("gác lửng|gác|có gác|gác xép|có gác lửng|có gác xép", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.Loft)),
            ("an ninh|bảo vệ|an ninh tốt", ListingKind.Rental, RentalKind.Amenities, Code(RentalAmenities.Security)),

            ("như mới|like new|likenew|còn mới|gần như mới", ListingKind.Classified, ClassifiedKind.Condition, Code(ItemCondition.LikeNew)),
            ("cũ|đã qua sử dụng|đã sử dụng|second hand|secondhand|đồ cũ|hàng cũ", ListingKind.Classified, ClassifiedKind.Condition, Code(ItemCondition.Used)),
            ("hàng mới|mới tinh|chưa sử dụng|mới nguyên", ListingKind.Classified, ClassifiedKind.Condition, Code(ItemCondition.New)),
            ("đồ điện tử|điện tử", ListingKind.Classified, KeywordFields.Category, Code(ClassifiedCategory.Electronics)),
            ("điện thoại|smartphone", ListingKind.Classified, KeywordFields.Category, Code(ClassifiedCategory.Phones)),
            ("xe máy|xe số|xe tay ga", ListingKind.Classified, KeywordFields.Category, Code(ClassifiedCategory.Motorbikes)),
            ("xe đạp", ListingKind.Classified, KeywordFields.Category, Code(ClassifiedCategory.Bicycles)),
            ("đồ nội thất|nội thất", ListingKind.Classified, KeywordFields.Category, Code(ClassifiedCategory.Furniture)),
            ("đồ gia dụng|gia dụng", ListingKind.Classified, KeywordFields.Category, Code(ClassifiedCategory.HomeAppliances)),
            ("quần áo|thời trang", ListingKind.Classified, KeywordFields.Category, Code(ClassifiedCategory.Clothing)),
            ("đồ trẻ em|đồ em bé|đồ sơ sinh", ListingKind.Classified, KeywordFields.Category, Code(ClassifiedCategory.BabyAndKids)),

            // Only the category's own words: a specific one (cà phê, trà sữa, karaoke, spa, khách sạn)
            // stays text to match, or the tea shop's vouchers drown among every food voucher.
            ("ăn uống|đồ ăn|ẩm thực|đồ uống", ListingKind.Voucher, KeywordFields.Category, Code(VoucherCategory.FoodAndDrink)),
            ("làm đẹp", ListingKind.Voucher, KeywordFields.Category, Code(VoucherCategory.Beauty)),
            ("mua sắm|shopping", ListingKind.Voucher, KeywordFields.Category, Code(VoucherCategory.Shopping)),
            ("giải trí|vui chơi", ListingKind.Voucher, KeywordFields.Category, Code(VoucherCategory.Entertainment)),
            ("du lịch", ListingKind.Voucher, KeywordFields.Category, Code(VoucherCategory.Travel)),

            ("nội tỉnh|trong tỉnh", ListingKind.BusRoute, BusRouteKind.Scope, Code(BusRouteScope.InProvince)),
            ("liên tỉnh|đi tỉnh|ngoại tỉnh", ListingKind.BusRoute, BusRouteKind.Scope, Code(BusRouteScope.InterProvince)),
        };

        foreach (var (phrases, kind, filter, code) in needs)
        {
            foreach (var phrase in Split(phrases))
            {
                yield return new VocabularyEntry(phrase, new NeedMeaning(kind, filter, code));
            }
        }

        // "mới" without accents is also "mỗi" (each) and "mọi"; before a month or a trip it is never "new".
        yield return new("mới", new NeedMeaning(ListingKind.Classified, ClassifiedKind.Condition, Code(ItemCondition.New)), NotBefore: EveryWords);
    }

    private static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum => ListingVocabulary.Code(value);

    private static string[] Split(string phrases) => phrases.Split('|');
}
