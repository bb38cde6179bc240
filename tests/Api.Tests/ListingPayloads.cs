using System.Text.Json.Nodes;

namespace DongNai.Api.Tests;

/// <summary>Valid create requests for each listing kind, as JSON objects a test can break one field at a time.</summary>
public static class ListingPayloads
{
    public const double AmataLatitude = 10.9536;
    public const double AmataLongitude = 106.8631;

    public static JsonObject Job(long employerId) => new()
    {
        ["title"] = "Tuyển 50 công nhân may làm việc tại KCN Amata",
        ["description"] = "Công ty cần tuyển công nhân may, không cần kinh nghiệm, được đào tạo tại chỗ.",
        ["requirements"] = "Nam/nữ 18–40 tuổi, sức khỏe tốt.",
        ["employerId"] = employerId,
        ["headcount"] = 50,
        ["salaryMinVnd"] = 7_000_000,
        ["salaryMaxVnd"] = 10_000_000,
        ["shift"] = "rotating",
        ["jobType"] = "fullTime",
        ["benefits"] = new JsonArray("meals", "shuttleBus"),
        ["latitude"] = AmataLatitude,
        ["longitude"] = AmataLongitude,
    };

    public static JsonObject Rental() => new()
    {
        ["title"] = "Phòng trọ gần KCN Amata, có gác lửng",
        ["description"] = "Phòng 20m², có gác lửng, nhà vệ sinh riêng, giờ giấc tự do.",
        ["rentalType"] = "room",
        ["priceVnd"] = 1_800_000,
        ["depositVnd"] = 1_800_000,
        ["areaM2"] = 20,
        ["maxOccupants"] = 3,
        ["amenities"] = new JsonArray("loft", "privateBathroom", "wifi"),
        ["latitude"] = AmataLatitude + 0.01,
        ["longitude"] = AmataLongitude + 0.01,
        ["photoUrls"] = new JsonArray("https://example.vn/anh/phong-1.jpg"),
    };

    public static JsonObject Classified() => new()
    {
        ["title"] = "Bán xe Honda Wave Alpha đời 2019",
        ["description"] = "Xe chính chủ, máy êm, đã thay nhớt định kỳ, giấy tờ đầy đủ.",
        ["category"] = "motorbikes",
        ["condition"] = "used",
        ["priceVnd"] = 9_500_000,
        ["sellerName"] = "Anh Tuấn",
        ["latitude"] = 10.9447,
        ["longitude"] = 106.8243,
    };

    public static JsonObject Voucher() => new()
    {
        ["title"] = "Giảm 20% trà sữa cho công nhân KCN",
        ["description"] = "Áp dụng cho mọi loại trà sữa size L, xuất trình thẻ công nhân.",
        ["brand"] = "Trà Sữa Nhà Làm",
        ["category"] = "foodAndDrink",
        ["discountPercent"] = 20,
        ["quantityTotal"] = 500,
        // Around the test host's clock: the service checks that a new voucher has not already ended.
        ["validFrom"] = ApiFactory.Start.AddDays(-1).ToString("O"),
        ["validTo"] = ApiFactory.Start.AddDays(90).ToString("O"),
        ["locations"] = new JsonArray(new JsonObject { ["name"] = "Chi nhánh Long Bình", ["latitude"] = 10.9458, ["longitude"] = 106.8775 }),
    };

    public static JsonObject BusRoute() => new()
    {
        ["title"] = "Tuyến 05: Biên Hòa – Bến xe Miền Đông",
        ["description"] = "Xe buýt có máy lạnh, đi qua KCN Amata và Suối Tiên.",
        ["operator"] = "Công ty Vận tải Đồng Nai",
        ["hotline"] = "0251 3822 222",
        ["origin"] = "Biên Hòa",
        ["destination"] = "Bến xe Miền Đông",
        ["stops"] = new JsonArray(
            new JsonObject { ["name"] = "Bến xe Biên Hòa", ["latitude"] = 10.9500, ["longitude"] = 106.8167 },
            new JsonObject { ["name"] = "Bến xe Miền Đông mới", ["latitude"] = 10.8790, ["longitude"] = 106.8150 }),
        ["departures"] = new JsonArray("05:30", "06:15", "17:45"),
        ["fareVnd"] = 15_000,
        ["scope"] = "interProvince",
    };

    public static JsonObject News() => new()
    {
        ["title"] = "Khai mạc hội chợ việc làm cho công nhân KCN Amata",
        ["summary"] = "Hơn 40 doanh nghiệp tuyển dụng trực tiếp tại nhà văn hóa công nhân.",
        ["sourceName"] = "Báo Đồng Nai",
        ["link"] = $"https://news.example.vn/viec-lam/{Guid.NewGuid():N}.html",
        ["imageUrl"] = "https://news.example.vn/images/hoi-cho.jpg",
        ["publishedAt"] = "2026-11-01T03:00:00Z",
        ["latitude"] = AmataLatitude,
        ["longitude"] = AmataLongitude,
    };
}
