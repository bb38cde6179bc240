using System.Globalization;
using System.Text.Json.Nodes;
using DongNai.Search.Elasticsearch.Indexing;
using DongNai.Search.Elasticsearch.Scoring;

namespace DongNai.Search.Elasticsearch.Querying;

/// <summary>
/// The body of one <c>_search</c> for a <see cref="SearchQuery"/>: filters in a <c>bool</c> filter
/// (no scoring), the text query wrapped in a <c>function_score</c> that blends distance decay,
/// freshness, kind weights and the low-price preference, a total order (the sort's value, then kind
/// code and id) for <c>search_after</c>, terms aggregations for facets, a <c>filters</c> aggregation for
/// price bands, highlights, and one hit more than the page to know whether another page follows.
/// Pure; thread-safe.
/// </summary>
internal static class SearchRequestBuilder
{
    public const string PriceBandsAggregation = "price_bands";
    public const string FacetPrefix = "facet_";
    public const int FacetSize = 1_000;
    public const int DescriptionFragmentSize = 160;
    private const int LastMinuteOfDay = (24 * 60) - 1;

    /// <summary>The fields a hit needs from <c>_source</c>.</summary>
    public static readonly string[] HitSource =
        [DocumentFields.KindCode, DocumentFields.Id, DocumentFields.Title, DocumentFields.PriceMin, DocumentFields.PriceMax, DocumentFields.Location, DocumentFields.UpdatedAt, DocumentFields.Popularity, DocumentFields.Keywords];

    public static JsonObject Build(SearchQuery query, long scoringNowMs, ElasticsearchCursor? cursor, string? pointInTime, TimeSpan keepAlive)
    {
        var text = TextQueryBuilder.Build(query.Text, query.MaxMissingWords);
        var filter = Filters(query);
        var mustNot = new JsonArray(new JsonObject { ["term"] = new JsonObject { [DocumentFields.SoldOut] = true } });
        var matching = new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["must"] = new JsonArray(text?.Scoring ?? new JsonObject { ["match_all"] = new JsonObject() }),
                ["filter"] = filter,
                ["must_not"] = mustNot,
            },
        };

        var body = new JsonObject
        {
            ["size"] = query.Size + 1,
            ["track_total_hits"] = true,
            ["track_scores"] = true,
            ["_source"] = new JsonArray(HitSource.Select(field => (JsonNode?)field).ToArray()),
            ["query"] = new JsonObject
            {
                ["function_score"] = new JsonObject
                {
                    ["query"] = matching,
                    ["functions"] = RelevanceFactors.Functions(query, scoringNowMs),
                    ["score_mode"] = "multiply",
                    ["boost_mode"] = "multiply",
                },
            },
            ["sort"] = Sort(query),
        };

        if (cursor is not null)
        {
            body["search_after"] = cursor.After.DeepClone();
        }

        if (pointInTime is not null)
        {
            body["pit"] = new JsonObject { ["id"] = pointInTime, ["keep_alive"] = KeepAlive(keepAlive) };
        }

        if (Aggregations(query) is { Count: > 0 } aggregations)
        {
            body["aggs"] = aggregations;
        }

        if (text is not null && query.Highlight)
        {
            body["highlight"] = new JsonObject
            {
                ["encoder"] = "html",
                ["pre_tags"] = new JsonArray("<em>"),
                ["post_tags"] = new JsonArray("</em>"),
                ["fields"] = new JsonObject
                {
                    [DocumentFields.TitleText] = new JsonObject
                    {
                        ["number_of_fragments"] = 0,
                        ["highlight_query"] = text.TitleHighlight,
                    },
                    [DocumentFields.Description] = new JsonObject
                    {
                        ["fragment_size"] = DescriptionFragmentSize,
                        ["number_of_fragments"] = 1,
                        ["highlight_query"] = text.DescriptionHighlight,
                    },
                },
            };
        }

        return body;
    }

    /// <summary>Elasticsearch's time unit text for a keep-alive: whole seconds.</summary>
    public static string KeepAlive(TimeSpan keepAlive) => Math.Max(1, (long)keepAlive.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";

    /// <summary>Visibility (live, not expired), keyword values, listings, departures, area, geo and price.</summary>
    public static JsonArray Filters(SearchQuery query)
    {
        var nowMs = DocumentSource.UnixMilliseconds(query.Now);
        var filters = new JsonArray
        {
            new JsonObject { ["term"] = new JsonObject { [DocumentFields.Live] = true } },
            NotExpired(nowMs),
        };

        foreach (var (field, values) in query.Filters.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            filters.Add(new JsonObject
            {
                ["terms"] = new JsonObject { [DocumentFields.Keyword(field)] = Strings(values.Distinct(StringComparer.Ordinal)) },
            });
        }

        if (query.Listings is { } listings)
        {
            filters.Add(Listings(listings));
        }

        if (query.DepartureFrom.HasValue || query.DepartureTo.HasValue)
        {
            filters.Add(DepartureWindow(query.DepartureFrom, query.DepartureTo));
        }

        switch (query.Geo)
        {
            case GeoRadius radius:
                filters.Add(new JsonObject
                {
                    ["geo_distance"] = new JsonObject
                    {
                        ["distance"] = radius.Km.ToString("R", CultureInfo.InvariantCulture) + "km",
                        ["distance_type"] = "arc",
                        [DocumentFields.Location] = Point(radius.Centre),
                    },
                });
                break;
            case GeoBoundingBox box:
                filters.Add(new JsonObject
                {
                    ["geo_bounding_box"] = new JsonObject
                    {
                        [DocumentFields.Location] = new JsonObject
                        {
                            ["top_left"] = Point(new GeoPoint(box.MaxLatitude, box.MinLongitude)),
                            ["bottom_right"] = Point(new GeoPoint(box.MinLatitude, box.MaxLongitude)),
                        },
                    },
                });
                break;
            case GeoPolygon polygon:
                // geo_polygon is deprecated (7.12); a geo_shape query accepts a geo_point field, and
                // "intersects" keeps points on an edge, as the embedded engine and PostGIS's ST_Covers do.
                var ring = new JsonArray();
                foreach (var vertex in polygon.Ring)
                {
                    ring.Add(new JsonArray(vertex.Longitude, vertex.Latitude));
                }

                filters.Add(new JsonObject
                {
                    ["geo_shape"] = new JsonObject
                    {
                        [DocumentFields.Location] = new JsonObject
                        {
                            ["shape"] = new JsonObject { ["type"] = "polygon", ["coordinates"] = new JsonArray(ring) },
                            ["relation"] = "intersects",
                        },
                    },
                });
                break;
        }

        // A listing matches a price range when its own [min, max] overlaps it.
        if (query.MinPrice is { } minPrice)
        {
            filters.Add(Range(DocumentFields.PriceMax, "gte", minPrice));
        }

        if (query.MaxPrice is { } maxPrice)
        {
            filters.Add(Range(DocumentFields.PriceMin, "lte", maxPrice));
        }

        if (query.MinArea.HasValue || query.MaxArea.HasValue)
        {
            var range = new JsonObject();
            if (query.MinArea is { } minArea)
            {
                range["gte"] = minArea;
            }

            if (query.MaxArea is { } maxArea)
            {
                range["lte"] = maxArea;
            }

            filters.Add(new JsonObject { ["range"] = new JsonObject { [DocumentFields.Area] = range } });
        }

        return filters;
    }

    public static JsonObject NotExpired(long nowMs) => new()
    {
        ["bool"] = new JsonObject
        {
            ["should"] = new JsonArray(
                new JsonObject { ["bool"] = new JsonObject { ["must_not"] = new JsonArray(Exists(DocumentFields.ExpiresAt)) } },
                Range(DocumentFields.ExpiresAt, "gt", nowMs)),
            ["minimum_should_match"] = 1,
        },
    };

    /// <summary>The sort's own value, then kind code and id: a total order, so <c>search_after</c> pages exactly.</summary>
    public static JsonArray Sort(SearchQuery query)
    {
        JsonObject primary = query.Sort switch
        {
            SearchSort.Distance => new JsonObject
            {
                ["_geo_distance"] = new JsonObject
                {
                    [DocumentFields.Location] = Point(query.EffectiveReferencePoint!.Value),
                    ["order"] = "asc",
                    ["unit"] = "km",
                    ["distance_type"] = "arc",
                    ["ignore_unmapped"] = true,
                },
            },
            SearchSort.PriceAscending => FieldSort(DocumentFields.PriceMin, "asc"),
            SearchSort.PriceDescending => FieldSort(DocumentFields.PriceMax, "desc"),
            SearchSort.Newest => FieldSort(DocumentFields.UpdatedAt, "desc"),
            _ => new JsonObject { ["_score"] = new JsonObject { ["order"] = "desc" } },
        };
        return new JsonArray(primary, FieldSort(DocumentFields.KindCode, "asc"), FieldSort(DocumentFields.Id, "asc"));
    }

    private static JsonObject Aggregations(SearchQuery query)
    {
        var aggregations = new JsonObject();
        foreach (var facet in query.Facets.Distinct(StringComparer.Ordinal))
        {
            aggregations[FacetPrefix + facet] = new JsonObject
            {
                ["terms"] = new JsonObject
                {
                    ["field"] = DocumentFields.Keyword(facet),
                    ["size"] = FacetSize,
                    ["order"] = new JsonArray(
                        new JsonObject { ["_count"] = "desc" },
                        new JsonObject { ["_key"] = "asc" }),
                },
            };
        }

        if (query.PriceBands is { } bands)
        {
            // A range aggregation buckets a single value; a listing's price is a range that counts in
            // every band it overlaps, so each band is a filter on both ends.
            var buckets = new JsonObject();
            for (var i = 0; i <= bands.Count; i++)
            {
                var conditions = new JsonArray(Exists(DocumentFields.PriceMin));
                if (i > 0)
                {
                    conditions.Add(Range(DocumentFields.PriceMax, "gte", bands[i - 1]));
                }

                if (i < bands.Count)
                {
                    conditions.Add(Range(DocumentFields.PriceMin, "lte", bands[i] - 1));
                }

                buckets[BandLabel(bands, i)] = new JsonObject { ["bool"] = new JsonObject { ["filter"] = conditions } };
            }

            aggregations[PriceBandsAggregation] = new JsonObject { ["filters"] = new JsonObject { ["filters"] = buckets } };
        }

        return aggregations;
    }

    public static string BandLabel(IReadOnlyList<long> bands, int index)
    {
        var from = index == 0 ? "*" : bands[index - 1].ToString(CultureInfo.InvariantCulture);
        var to = index == bands.Count ? "*" : bands[index].ToString(CultureInfo.InvariantCulture);
        return $"{from}-{to}";
    }

    private static JsonObject Listings(IReadOnlyCollection<ListingKey> listings)
    {
        if (listings.Count == 0)
        {
            return new JsonObject { ["match_none"] = new JsonObject() };
        }

        var byKind = new JsonArray();
        foreach (var group in listings.GroupBy(listing => listing.Kind).OrderBy(group => group.Key))
        {
            byKind.Add(new JsonObject
            {
                ["bool"] = new JsonObject
                {
                    ["filter"] = new JsonArray(
                        new JsonObject { ["term"] = new JsonObject { [DocumentFields.KindCode] = (int)group.Key } },
                        new JsonObject { ["terms"] = new JsonObject { [DocumentFields.Id] = new JsonArray(group.Select(l => l.Id).Distinct().Order().Select(id => (JsonNode?)id).ToArray()) } }),
                },
            });
        }

        return new JsonObject { ["bool"] = new JsonObject { ["should"] = byKind, ["minimum_should_match"] = 1 } };
    }

    private static JsonObject DepartureWindow(TimeOnly? from, TimeOnly? to)
    {
        var start = from is { } f ? (f.Hour * 60) + f.Minute : 0;
        var end = to is { } t ? (t.Hour * 60) + t.Minute : LastMinuteOfDay;
        if (start <= end)
        {
            return MinuteRange(start, end);
        }

        return new JsonObject
        {
            ["bool"] = new JsonObject
            {
                ["should"] = new JsonArray(MinuteRange(start, LastMinuteOfDay), MinuteRange(0, end)),
                ["minimum_should_match"] = 1,
            },
        };
    }

    private static JsonObject MinuteRange(int from, int to) => new()
    {
        ["range"] = new JsonObject { [DocumentFields.Departures] = new JsonObject { ["gte"] = from, ["lte"] = to } },
    };

    private static JsonObject Range(string field, string op, long value) => new()
    {
        ["range"] = new JsonObject { [field] = new JsonObject { [op] = value } },
    };

    private static JsonObject Exists(string field) => new() { ["exists"] = new JsonObject { ["field"] = field } };

    private static JsonObject FieldSort(string field, string order) => new()
    {
        [field] = new JsonObject { ["order"] = order, ["missing"] = "_last" },
    };

    public static JsonObject Point(GeoPoint point) => new() { ["lat"] = point.Latitude, ["lon"] = point.Longitude };

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(value => (JsonNode?)value).ToArray());
}
