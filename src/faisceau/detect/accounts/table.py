"""The ``account_signals`` result table: one row per account, every feature + evidence."""
from __future__ import annotations

import pyarrow as pa

from ...schema import TS, Column, Table, register_result_table

S, I, F, B, L = pa.string(), pa.int64(), pa.float64(), pa.bool_(), pa.list_(pa.string())

_COLS = [
    ("platform", S, ""),
    ("account_id", S, ""),
    ("handle", S, "latest known handle"),
    ("display_name", S, ""),
    ("n_posts", I, "posts of the account in the store"),
    ("first_post", TS, "UTC"),
    ("last_post", TS, "UTC"),
    # creation
    ("created_at", TS, "account creation, UTC (NULL when the source lacks it)"),
    ("creation_burst", B, "created inside a significant creation burst, of the whole dataset or of a campaign's accounts"),
    ("creation_burst_group", S, "'all accounts', or the burst whose participants were created together ('#tag start..end')"),
    ("creation_burst_start", TS, "first day of that burst window"),
    ("creation_burst_end", TS, "last day (inclusive) of that burst window"),
    ("creation_burst_accounts", I, "accounts created inside that window"),
    ("creation_burst_expected", F, "accounts expected in that window from the background distribution"),
    ("creation_burst_p", F, "Poisson tail, Bonferroni-corrected over the windows scanned"),
    # topic
    ("top_hashtag", S, "the account's most used hashtag"),
    ("top_hashtag_share", F, "share of the account's posts carrying it"),
    ("top_cluster", S, "most frequent content cluster of its posts (NULL when the content stage has not run)"),
    ("top_cluster_share", F, "share of its posts in that cluster"),
    ("history_in_window", B, "every post of the account lies inside one burst window of a series it posted in"),
    ("history_window", S, "that series and window, 'hashtag:tag start..end'"),
    # profile
    ("handle_name_digits", B, "handle = letters followed by a run of >= 4 digits (generator/default-suggestion pattern)"),
    ("default_profile_image", B, "platform default avatar, or no image url at all"),
    ("shared_profile_image", I, "other accounts using the very same profile image url"),
    ("bio_empty", B, "no bio"),
    ("bio_identical", I, "other accounts with the identical bio"),
    ("bio_templated", I, "other accounts whose bio is the same once names, digits and flags are masked"),
    ("name_handle_similarity", F, "0-1 similarity of display name and handle after folding"),
    ("name_handle_mismatch", B, "similarity below the threshold"),
    # cadence
    ("interval_entropy", F, "Shannon entropy (bits) of log2-binned inter-post intervals; NULL under min intervals"),
    ("top_interval_s", I, "most frequent exact inter-post interval, seconds"),
    ("top_interval_share", F, "its share of the intervals"),
    ("fixed_period", B, "a single interval dominates the cadence"),
    ("sleep_share", F, "share of posts in the quietest 6 consecutive UTC hours (uniform = 0.25)"),
    ("round_the_clock", B, "posts in every part of the day, no sleep trough"),
    ("top_source", S, "most used client application"),
    ("top_source_share", F, ""),
    ("n_sources", I, "distinct clients"),
    ("max_posts_hour", I, "most posts in one clock hour"),
    ("max_posts_10min", I, "most posts in one 10-minute bin"),
    # origin
    ("utc_offset", F, "UTC offset (hours) fitted to the sleep trough of the hourly profile"),
    ("utc_offset_low", F, "95% bootstrap interval, low end"),
    ("utc_offset_high", F, "95% bootstrap interval, high end"),
    ("trough_utc_hour", F, "centre of the quietest 6-hour window, UTC hour"),
    ("post_langs", L, "languages of the sampled posts, 'code:share', most frequent first"),
    ("top_post_lang", S, ""),
    ("bio_lang", S, ""),
    ("post_scripts", L, "writing systems of the sampled posts, 'Script:share'"),
    ("profile_scripts", L, "writing systems of display name + bio"),
    ("flags", L, "ISO country codes of flag emoji in display name and bio"),
    ("location", S, "declared location"),
    ("location_country", S, "ISO code the declared location resolves to (offline gazetteer)"),
    ("location_match", S, "what matched: 'city:Baku' / 'country:Azerbaijan' / 'flag:AZ'"),
    ("misspelt_places", L, "place names written in a non-native form, 'Bordo->Bordeaux'"),
    ("shared_domains", L, "domains shared with few other accounts, 'domain:accounts'"),
    # watchlist
    ("watch_reposts", I, "reposts/quotes of watchlisted accounts"),
    ("watch_replies", I, "replies to watchlisted accounts"),
    ("watch_mentions", I, "mentions of watchlisted accounts"),
    ("watch_inbound", I, "reposts/quotes/replies/mentions of this account by watchlisted accounts"),
    ("watch_labels", L, "watchlist entries it is directly linked to, 'label (affiliation)'"),
    ("watch_audience_jaccard", F, "largest Jaccard overlap of its audience with a watchlisted account's"),
    ("watch_audience_label", S, "that watchlisted account"),
    # result
    ("score", F, "0-1 inauthenticity score, noisy-OR of the documented components"),
    ("score_components", S, "JSON: component -> contribution (0-1)"),
    ("evidence", S, "JSON: signal -> human-readable evidence"),
]

ACCOUNT_SIGNALS = register_result_table(
    Table(
        "account_signals",
        "Per-account inauthenticity signals and origin clues, each with its evidence, and a 0-1 score.",
        tuple(Column(n, t, d) for n, t, d in _COLS),
        key=("platform", "account_id"),
    )
)
