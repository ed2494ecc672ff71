/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/*
 * Each deal's walk through the funnel, summed up on the deals table from
 * its stage history (schema migration 4) and kept by triggers on
 * deal_stage_history, so that a funnel over a million history rows reads
 * one index range of deals instead of their histories (kl-funnel.c).
 *
 *  funnel_reached     the highest funnel stage its history holds, as a rank:
 *                     Lead 0 … Won 5 (Lost is no rank)
 *  funnel_lost_at     when its last change was to Lost, the rank of the stage
 *                     it left (0 when it was created lost); else NULL
 *  funnel_first_at    the time of its first change
 *  funnel_won_at      the time of its first change to Won
 *  funnel_entered_at  the time of its last change
 *  funnel_days_0…4    days spent in Lead … Negotiation: each stay from its
 *                     change to the next, summed; NULL with no finished stay
 *
 * A change appended in time order (the usual case: the store writes each
 * move as it happens) updates the sums from the change alone: the stay that
 * ends is the one in its from_stage. Any other write to the history (an
 * earlier change, an edit, a deletion) recomputes the deal from its whole
 * history, ordered by (changed_at, id).
 */

/* The rank of a stage in the funnel, NULL for Lost. */
#define KL_SQL_FUNNEL_RANK(x) \
  "(CASE " x " WHEN 'lead' THEN 0 WHEN 'contacted' THEN 1 WHEN 'needs' THEN 2" \
  " WHEN 'offer' THEN 3 WHEN 'negotiation' THEN 4 WHEN 'won' THEN 5 END)"

#define KL_SQL_FUNNEL_DAYS_OF(stage) \
  "sum (CASE WHEN to_stage = '" stage "' THEN days END)"

/* Recomputes the columns from the whole history of the deals WHERE_. */
#define KL_SQL_REFRESH_FUNNEL(WHERE_) \
  "UPDATE deals SET" \
  " funnel_reached = coalesce ((SELECT max (" KL_SQL_FUNNEL_RANK ("h.to_stage") ")" \
  "   FROM deal_stage_history h WHERE h.deal_id = deals.id), 0)," \
  " funnel_lost_at = (SELECT CASE WHEN h.to_stage = 'lost'" \
  "   THEN coalesce (" KL_SQL_FUNNEL_RANK ("h.from_stage") ", 0) END" \
  "   FROM deal_stage_history h WHERE h.deal_id = deals.id" \
  "   ORDER BY h.changed_at DESC, h.id DESC LIMIT 1)," \
  " funnel_first_at = (SELECT min (h.changed_at) FROM deal_stage_history h WHERE h.deal_id = deals.id)," \
  " funnel_won_at = (SELECT min (h.changed_at) FROM deal_stage_history h" \
  "   WHERE h.deal_id = deals.id AND h.to_stage = 'won')," \
  " funnel_entered_at = (SELECT max (h.changed_at) FROM deal_stage_history h WHERE h.deal_id = deals.id)," \
  " (funnel_days_0, funnel_days_1, funnel_days_2, funnel_days_3, funnel_days_4) = (" \
  "   SELECT " KL_SQL_FUNNEL_DAYS_OF ("lead") ", " KL_SQL_FUNNEL_DAYS_OF ("contacted") "," \
  "     " KL_SQL_FUNNEL_DAYS_OF ("needs") ", " KL_SQL_FUNNEL_DAYS_OF ("offer") "," \
  "     " KL_SQL_FUNNEL_DAYS_OF ("negotiation") \
  "   FROM (SELECT h.to_stage AS to_stage," \
  "           julianday (lead (h.changed_at) OVER (ORDER BY h.changed_at, h.id))" \
  "           - julianday (h.changed_at) AS days" \
  "         FROM deal_stage_history h WHERE h.deal_id = deals.id))" \
  " WHERE " WHERE_ ";"

/* The stay in NEW.from_stage (rank N) ends with NEW. */
#define KL_SQL_FUNNEL_END_STAY(N, stage) \
  " funnel_days_" #N " = CASE WHEN NEW.from_stage = '" stage "' AND funnel_entered_at IS NOT NULL" \
  "   THEN coalesce (funnel_days_" #N ", 0) + julianday (NEW.changed_at) - julianday (funnel_entered_at)" \
  "   ELSE funnel_days_" #N " END,"

/* NEW, a change no earlier than the deal's others, added to the sums. */
#define KL_SQL_APPEND_FUNNEL \
  "UPDATE deals SET" \
  " funnel_reached = max (funnel_reached, coalesce (" KL_SQL_FUNNEL_RANK ("NEW.to_stage") ", 0))," \
  " funnel_lost_at = CASE WHEN NEW.to_stage = 'lost'" \
  "   THEN coalesce (" KL_SQL_FUNNEL_RANK ("NEW.from_stage") ", 0) END," \
  " funnel_first_at = coalesce (funnel_first_at, NEW.changed_at)," \
  " funnel_won_at = CASE WHEN funnel_won_at IS NULL AND NEW.to_stage = 'won'" \
  "   THEN NEW.changed_at ELSE funnel_won_at END," \
  KL_SQL_FUNNEL_END_STAY (0, "lead") \
  KL_SQL_FUNNEL_END_STAY (1, "contacted") \
  KL_SQL_FUNNEL_END_STAY (2, "needs") \
  KL_SQL_FUNNEL_END_STAY (3, "offer") \
  KL_SQL_FUNNEL_END_STAY (4, "negotiation") \
  " funnel_entered_at = NEW.changed_at" \
  " WHERE id = NEW.deal_id;"

#define KL_SQL_FUNNEL_IS_APPEND \
  "NEW.changed_at >= coalesce ((SELECT funnel_entered_at FROM deals WHERE id = NEW.deal_id), '')"
