-- Export, version 4: the verdict a published fact-check's rating stands for.

-- The claimtrail status (verified, disputed, false, misleading, unverifiable) a fact-check's rating maps to,
-- read through the ClaimReview rating scale when it was imported: its ratingValue on that scale first, then its
-- rating text as one of the scale's names, then as a rating word ("Pants on Fire!" is false). NULL when the
-- rating says nothing claimtrail can place, and for fact-checks imported before version 4 (importing the file
-- again fills it).
ALTER TABLE fact_check ADD COLUMN verdict TEXT
    CHECK (verdict IS NULL OR verdict IN ('verified','disputed','false','misleading','unverifiable'));

-- The ClaimReview rating scale and publisher live in `meta` under `export.claimreview` (JSON; absent = the
-- default scale and no publisher).
