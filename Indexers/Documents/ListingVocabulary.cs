using DongNai.Domain.Listings;

namespace DongNai.Indexers.Documents;

/// <summary>
/// The Vietnamese words people search with for each category code, indexed beside the listing's
/// own text so that "phong tro co gac lung" finds a room whose amenities list a loft even when its
/// description never says so.
/// </summary>
public static class ListingVocabulary
{
    public static string Of(JobShift shift) => shift switch
    {
        JobShift.Day => "ca ngày",
        JobShift.Night => "ca đêm",
        JobShift.Rotating => "xoay ca",
        _ => "",
    };

    public static string Of(JobType type) => type switch
    {
        JobType.FullTime => "toàn thời gian",
        JobType.PartTime => "bán thời gian",
        JobType.Seasonal => "thời vụ",
        _ => "",
    };

    public static string Of(JobBenefits benefit) => benefit switch
    {
        JobBenefits.Meals => "bao cơm",
        JobBenefits.ShuttleBus => "xe đưa đón",
        JobBenefits.Dormitory => "ký túc xá",
        _ => "",
    };

    public static string Of(RentalType type) => type switch
    {
        RentalType.Apartment => "căn hộ chung cư",
        RentalType.Room => "phòng trọ",
        RentalType.WholeHouse => "nhà nguyên căn",
        RentalType.Dormitory => "ký túc xá",
        RentalType.BusinessPremises => "mặt bằng kinh doanh",
        _ => "",
    };

    public static string Of(RentalAmenities amenity) => amenity switch
    {
        RentalAmenities.AirConditioner => "máy lạnh",
        RentalAmenities.PrivateBathroom => "vệ sinh riêng",
        RentalAmenities.Wifi => "wifi",
        RentalAmenities.Parking => "chỗ để xe",
        RentalAmenities.Kitchen => "bếp",
        RentalAmenities.WaterHeater => "máy nước nóng",
        RentalAmenities.Furnished => "đầy đủ nội thất",
        RentalAmenities.Loft => "gác lửng",
        RentalAmenities.Security => "an ninh",
        _ => "",
    };

    public static string Of(ClassifiedCategory category) => category switch
    {
        ClassifiedCategory.Electronics => "đồ điện tử",
        ClassifiedCategory.Phones => "điện thoại",
        ClassifiedCategory.Motorbikes => "xe máy",
        ClassifiedCategory.Bicycles => "xe đạp",
        ClassifiedCategory.Furniture => "đồ nội thất",
        ClassifiedCategory.HomeAppliances => "đồ gia dụng",
        ClassifiedCategory.Clothing => "quần áo",
        ClassifiedCategory.BabyAndKids => "đồ trẻ em",
        _ => "",
    };

    public static string Of(ItemCondition condition) => condition switch
    {
        ItemCondition.New => "mới",
        ItemCondition.LikeNew => "như mới",
        ItemCondition.Used => "đã qua sử dụng",
        _ => "",
    };

    public static string Of(VoucherCategory category) => category switch
    {
        VoucherCategory.Shopping => "mua sắm",
        VoucherCategory.Beauty => "làm đẹp",
        VoucherCategory.FoodAndDrink => "ăn uống",
        VoucherCategory.Entertainment => "giải trí",
        VoucherCategory.Travel => "du lịch",
        _ => "",
    };

    public static string Of(BusRouteScope scope) => scope switch
    {
        BusRouteScope.InProvince => "nội tỉnh",
        BusRouteScope.InterProvince => "liên tỉnh",
        _ => "",
    };

    /// <summary>The single flags set in a flags value, in declaration order.</summary>
    public static IEnumerable<TFlags> Flags<TFlags>(TFlags value)
        where TFlags : struct, Enum
    {
        var bits = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
        foreach (var flag in Enum.GetValues<TFlags>())
        {
            var flagBits = Convert.ToInt64(flag, System.Globalization.CultureInfo.InvariantCulture);
            if (flagBits != 0 && (bits & flagBits) == flagBits)
            {
                yield return flag;
            }
        }
    }

    /// <summary>The code a category value has in the index and in the API: the camelCase enum name ("fullTime", "likeNew").</summary>
    public static string Code<TEnum>(TEnum value)
        where TEnum : struct, Enum
    {
        var name = value.ToString();
        return string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
    }
}
