"""Result tables of the campaign stage (assembly and assessment)."""
from __future__ import annotations

import pyarrow as pa

from ..schema import TS, Column, Table, register_result_table


def _cols(specs) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in specs)


CAMPAIGNS = register_result_table(Table(
    "campaigns",
    "One row per assembled campaign. JSON columns hold ranked lists of {value, n, ...}.",
    _cols([
        ("campaign_id", pa.string(), "C1, C2... ordered by number of posts"),
        ("label", pa.string(), "short name: the campaign's top hashtag or top domain"),
        ("seed", pa.string(), "coordination | content: what the campaign was grown from"),
        ("community_ids", pa.list_(pa.string()), "coordination communities merged into it"),
        ("cluster_ids", pa.list_(pa.string()), "content clusters tied to it"),
        ("burst_ids", pa.list_(pa.string()), "bursts that bound its window"),
        ("n_accounts", pa.int64(), "core accounts (flagged members plus originators)"),
        ("n_originators", pa.int64(), ""),
        ("n_amplifiers", pa.int64(), ""),
        ("n_periphery", pa.int64(), "accounts tied by shared content or community, not flagged"),
        ("n_posts", pa.int64(), "posts of core accounts inside the window"),
        ("n_posts_all", pa.int64(), "posts of core accounts, whole dataset"),
        ("n_reposts", pa.int64(), "reposts among n_posts"),
        ("window_start", TS, "UTC"),
        ("window_end", TS, "UTC"),
        ("window_source", pa.string(), "bursts | posts: how the window was bounded"),
        ("views_sum", pa.int64(), "sum of known views of the campaign posts; NULL if none known"),
        ("views_peak", pa.int64(), ""),
        ("views_peak_post_id", pa.string(), ""),
        ("reposts_sum", pa.int64(), "sum of the reposts count of the campaign posts"),
        ("reposts_peak", pa.int64(), ""),
        ("narrative_posts", pa.int64(), "posts in the window carrying the campaign's top hashtag, by anyone"),
        ("campaign_share_posts", pa.float64(), "share of narrative_posts written by the campaign"),
        ("campaign_share_views", pa.float64(), "share of the known views of narrative_posts that went to campaign posts"),
        ("reposts_by_campaign", pa.int64(), "reposts of campaign accounts' posts made by campaign accounts"),
        ("reposts_by_others", pa.int64(), "... made by accounts outside the campaign (organic pickup)"),
        ("hashtags", pa.string(), "JSON [{value, n, share}]"),
        ("texts", pa.string(), "JSON [{value, n, accounts, first_post_id, first_at}] most repeated texts"),
        ("urls", pa.string(), "JSON [{value, n}]"),
        ("domains", pa.string(), "JSON [{value, n}]"),
        ("media", pa.string(), "JSON [{value, type, n, views, duration_ms, first_post_id, first_account_id}]"),
        ("languages", pa.string(), "JSON [{value, n, share}] post languages"),
        ("creation_months", pa.string(), "JSON [{value: YYYY-MM, n}] creation month of core accounts"),
    ]),
    key=("campaign_id",),
))

CAMPAIGN_ACCOUNTS = register_result_table(Table(
    "campaign_accounts",
    "Accounts of each campaign with their role.",
    _cols([
        ("campaign_id", pa.string(), ""),
        ("platform", pa.string(), ""),
        ("account_id", pa.string(), ""),
        ("handle", pa.string(), ""),
        ("membership", pa.string(), "core | periphery"),
        ("role", pa.string(), "originator | amplifier | periphery"),
        ("role_reason", pa.string(), "why the role: seed of N reposts, first poster of cluster K..."),
        ("community_id", pa.string(), "coordination community, NULL if none"),
        ("coordination_score", pa.float64(), "from coordination_accounts; NULL if absent"),
        ("inauthenticity_score", pa.float64(), "from account_signals; NULL if absent"),
        ("flagged", pa.bool_(), "flagged by the coordination detector"),
        ("n_posts", pa.int64(), "posts inside the campaign window"),
        ("created_at", TS, "account creation"),
    ]),
    key=("campaign_id", "platform", "account_id"),
))

CAMPAIGN_POSTS = register_result_table(Table(
    "campaign_posts",
    "Posts of core accounts inside each campaign's window.",
    _cols([
        ("campaign_id", pa.string(), ""),
        ("platform", pa.string(), ""),
        ("post_id", pa.string(), ""),
        ("account_id", pa.string(), ""),
        ("created_at", TS, ""),
        ("kind", pa.string(), ""),
    ]),
    key=("campaign_id", "platform", "post_id"),
))

EVIDENCE = register_result_table(Table(
    "campaign_evidence",
    "Evidence items behind each grade; every item points to data.",
    _cols([
        ("campaign_id", pa.string(), ""),
        ("evidence_id", pa.string(), "C1-E3..."),
        ("axis", pa.string(), "coordination | inauthenticity | origin | reach"),
        ("kind", pa.string(), "stable name of the rule input, e.g. creation-burst"),
        ("statement", pa.string(), "one sentence an analyst can read"),
        ("value", pa.float64(), "the figure the rule reads"),
        ("n_accounts", pa.int64(), ""),
        ("accounts", pa.list_(pa.string()), "account ids (up to 50)"),
        ("posts", pa.list_(pa.string()), "post ids (up to 50)"),
        ("source", pa.string(), "table(s) the item was read from"),
        ("clue_country", pa.string(), "for origin clues: ISO country code pointed to"),
    ]),
    key=("campaign_id", "evidence_id"),
))

ASSESSMENTS = register_result_table(Table(
    "campaign_assessments",
    "The graded judgement per campaign and axis, with the rule that fired.",
    _cols([
        ("campaign_id", pa.string(), ""),
        ("axis", pa.string(), "coordination | inauthenticity | origin"),
        ("grade", pa.string(), "low | moderate | high"),
        ("stix_confidence", pa.int64(), "0-100 (STIX 2.1 Low/Med/High scale: 15/50/85)"),
        ("rule", pa.string(), "the rule that set the grade"),
        ("evidence_ids", pa.list_(pa.string()), ""),
        ("missing", pa.list_(pa.string()), "evidence that could not be examined (absent tables)"),
        ("country", pa.string(), "origin axis: country the clues converge on"),
    ]),
    key=("campaign_id", "axis"),
))

ATTRIBUTION = register_result_table(Table(
    "campaign_attribution",
    "Attribution statement per campaign and VIGINUM criteria.",
    _cols([
        ("campaign_id", pa.string(), ""),
        ("level", pa.string(), "none | consistent-with | linked-to-actor | attributable-to-state"),
        ("statement", pa.string(), ""),
        ("country", pa.string(), "ISO code"),
        ("country_name", pa.string(), ""),
        ("proximity", pa.string(), "located-in | close-to"),
        ("actor", pa.string(), "identified actor (watchlist), if any"),
        ("state_link", pa.string(), "established | not-established"),
        ("caveats", pa.list_(pa.string()), ""),
        ("viginum", pa.string(), "JSON list of the four criteria with status and support"),
    ]),
    key=("campaign_id",),
))

TECHNIQUES = register_result_table(Table(
    "campaign_techniques",
    "DISARM Red v1.6 techniques observed per campaign.",
    _cols([
        ("campaign_id", pa.string(), ""),
        ("disarm_id", pa.string(), ""),
        ("name", pa.string(), ""),
        ("tactic_id", pa.string(), ""),
        ("tactic_name", pa.string(), ""),
        ("behaviour", pa.string(), "what was observed"),
        ("evidence_ids", pa.list_(pa.string()), ""),
    ]),
    key=("campaign_id", "disarm_id"),
))
