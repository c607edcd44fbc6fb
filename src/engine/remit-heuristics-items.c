/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "remit-heuristics"

#include "config.h"

#include <string.h>

#include "remit-heuristics-private.h"

typedef enum
{
  COL_NONE,
  COL_POS,
  COL_ARTNR,
  COL_DESC,
  COL_QTY,
  COL_UNIT,
  COL_PRICE,
  COL_VAT,
  COL_TOTAL,
} ColKind;

typedef struct
{
  const char *phrase;
  ColKind kind;
} ColWord;

static const ColWord col_words[] = {
  { "pos", COL_POS },
  { "position", COL_POS },
  { "posnr", COL_POS },
  { "lfd nr", COL_POS },
  { "nr", COL_POS },
  { "no", COL_POS },
  { "#", COL_POS },
  { "artnr*", COL_ARTNR },
  { "artikelnr", COL_ARTNR },
  { "artikelnummer", COL_ARTNR },
  { "art nr", COL_ARTNR },
  { "sku", COL_ARTNR },
  { "item no", COL_ARTNR },
  { "item #", COL_ARTNR },
  { "item code", COL_ARTNR },
  { "product code", COL_ARTNR },
  { "product no", COL_ARTNR },
  { "part no", COL_ARTNR },
  { "bestellnr", COL_ARTNR },
  { "materialnr", COL_ARTNR },
  { "code", COL_ARTNR },
  { "beschreibung", COL_DESC },
  { "bezeichnung", COL_DESC },
  { "artikelbezeichnung", COL_DESC },
  { "artikel", COL_DESC },
  { "leistung", COL_DESC },
  { "leistungsbeschreibung", COL_DESC },
  { "produkt", COL_DESC },
  { "positionstext", COL_DESC },
  { "description", COL_DESC },
  { "item", COL_DESC },
  { "items", COL_DESC },
  { "product", COL_DESC },
  { "service", COL_DESC },
  { "charge", COL_DESC },
  { "charges", COL_DESC },
  { "services", COL_DESC },
  { "details", COL_DESC },
  { "désignation", COL_DESC },
  { "menge", COL_QTY },
  { "anzahl", COL_QTY },
  { "anz", COL_QTY },
  { "stück", COL_QTY },
  { "stk", COL_QTY },
  { "qty", COL_QTY },
  { "quantity", COL_QTY },
  { "units", COL_QTY },
  { "hours", COL_QTY },
  { "hrs", COL_QTY },
  { "stunden", COL_QTY },
  { "std", COL_QTY },
  { "quantité", COL_QTY },
  { "einheit", COL_UNIT },
  { "me", COL_UNIT },
  { "unit", COL_UNIT },
  { "einzelpreis", COL_PRICE },
  { "einzelpreis netto", COL_PRICE },
  { "einzelpreis brutto", COL_PRICE },
  { "preis", COL_PRICE },
  { "ep", COL_PRICE },
  { "epreis", COL_PRICE },
  { "stückpreis", COL_PRICE },
  { "nettopreis", COL_PRICE },
  { "bruttopreis", COL_PRICE },
  { "stundensatz", COL_PRICE },
  { "satz", COL_PRICE },
  { "unit price", COL_PRICE },
  { "price", COL_PRICE },
  { "unit cost", COL_PRICE },
  { "rate", COL_PRICE },
  { "price per unit", COL_PRICE },
  { "prix unitaire", COL_PRICE },
  { "mwst", COL_VAT },
  { "mwst satz", COL_VAT },
  { "mwstsatz", COL_VAT },
  { "ust", COL_VAT },
  { "ust satz", COL_VAT },
  { "steuersatz", COL_VAT },
  { "steuer", COL_VAT },
  { "vat", COL_VAT },
  { "vat %", COL_VAT },
  { "vat rate", COL_VAT },
  { "tax", COL_VAT },
  { "tax rate", COL_VAT },
  { "tva", COL_VAT },
  { "gesamt", COL_TOTAL },
  { "gesamtpreis", COL_TOTAL },
  { "gesamtbetrag", COL_TOTAL },
  { "betrag", COL_TOTAL },
  { "summe", COL_TOTAL },
  { "gp", COL_TOTAL },
  { "gpreis", COL_TOTAL },
  { "nettobetrag", COL_TOTAL },
  { "bruttobetrag", COL_TOTAL },
  { "entgelt", COL_TOTAL },
  { "netto", COL_TOTAL },
  { "brutto", COL_TOTAL },
  { "total", COL_TOTAL },
  { "line total", COL_TOTAL },
  { "amount", COL_TOTAL },
  { "montant", COL_TOTAL },
  { "prix ht", COL_TOTAL },
  { "total ht", COL_TOTAL },
};

static HPhrases col_words_set = H_PHRASES (col_words);

static const char *const net_header_words[] = {
  "netto", "net", "nettopreis", "nettobetrag", "excl", "exkl", "zzgl", "ht", "einzelpreisnetto",
  NULL,
};
static HPhrases net_header_words_set = H_PHRASES (net_header_words);
static const char *const gross_header_words[] = {
  "brutto", "gross", "bruttopreis", "bruttobetrag", "inkl", "incl", "einzelpreisbrutto", NULL,
};
static HPhrases gross_header_words_set = H_PHRASES (gross_header_words);

/* Words that end the item table. */
static const char *const stop_words[] = {
  "summe", "zwischensumme", "gesamt", "gesamtbetrag", "gesamtsumme", "total", "subtotal",
  "netto", "nettobetrag", "nettosumme", "mwst", "ust", "umsatzsteuer", "mehrwertsteuer", "vat",
  "tax", "rechnungsbetrag", "endbetrag", "warenwert", "positionssumme", "zahlbetrag",
  "bruttobetrag", "bruttosumme", "steuerbetrag", "umsatzsteueraufschlüsselung", "belegsummen",
  "rechnungssumme", "zzgl", "ustsatz", "mwstsatz", "ustbetrag", "mwstbetrag", "vatrate",
  "steuersatz", "nettowert", NULL,
};
static HPhrases stop_words_set = H_PHRASES (stop_words);

static const char *const stop_phrases[] = {
  "zu zahlen", "amount due", "total due", "balance due", "grand total", "offener betrag",
  "net total", "total net", "sub total", "amount payable", "gesamt netto", "summe netto",
  "gesamt brutto", "summe brutto", NULL,
};
static HPhrases stop_phrases_set = H_PHRASES (stop_phrases);

/* Words of a row that carries a table over to the next page. */
static const char *const carry_words[] = {
  "übertrag", "uebertrag", "fortsetzung", "continued", NULL,
};
static HPhrases carry_words_set = H_PHRASES (carry_words);
static const char *const carry_phrases[] = {
  "carried forward", "carry forward", "brought forward", "zwischensumme übertrag", NULL,
};
static HPhrases carry_phrases_set = H_PHRASES (carry_phrases);

/* Addons: amounts between the items and the total that belong to the sum. */
typedef struct
{
  const char *phrase;
  const char *label;
  gboolean negative;
} AddonWord;

static const AddonWord addon_words[] = {
  { "versand", "shipment-addon", FALSE },
  { "versandkosten", "shipment-addon", FALSE },
  { "versandkostenpauschale", "shipment-addon", FALSE },
  { "versandpauschale", "shipment-addon", FALSE },
  { "porto", "shipment-addon", FALSE },
  { "lieferkosten", "shipment-addon", FALSE },
  { "liefergebühr", "shipment-addon", FALSE },
  { "fracht", "shipment-addon", FALSE },
  { "frachtkosten", "shipment-addon", FALSE },
  { "verpackung und versand", "shipment-addon", FALSE },
  { "shipping", "shipment-addon", FALSE },
  { "shipping costs", "shipment-addon", FALSE },
  { "shipping & handling", "shipment-addon", FALSE },
  { "shipping and handling", "shipment-addon", FALSE },
  { "delivery", "shipment-addon", FALSE },
  { "postage", "shipment-addon", FALSE },
  { "rabatt", "discount-addon", TRUE },
  { "sonderrabatt", "discount-addon", TRUE },
  { "nachlass", "discount-addon", TRUE },
  { "preisnachlass", "discount-addon", TRUE },
  { "discount", "discount-addon", TRUE },
  { "gutschein", "giftcard-addon", TRUE },
  { "geschenkgutschein", "giftcard-addon", TRUE },
  { "gift card", "giftcard-addon", TRUE },
  { "giftcard", "giftcard-addon", TRUE },
  { "voucher", "giftcard-addon", TRUE },
  { "coupon", "other-discounts-addon", TRUE },
  { "bonus", "other-discounts-addon", TRUE },
  { "mindermengenzuschlag", "other-charges-addon", FALSE },
  { "bearbeitungsgebühr", "other-charges-addon", FALSE },
  { "servicegebühr", "other-charges-addon", FALSE },
  { "nachnahmegebühr", "other-charges-addon", FALSE },
  { "verpackung", "other-charges-addon", FALSE },
  { "handling fee", "other-charges-addon", FALSE },
  { "service fee", "other-charges-addon", FALSE },
  { "packaging", "other-charges-addon", FALSE },
};

typedef struct
{
  ColKind kind;
  double left;
  double right;
  double lo; /* the part of the row that belongs to it */
  double hi;
} Column;

typedef struct
{
  GString *description;
  RemitBox desc_box;
  char *art_number;
  RemitBox art_box;
  char *position;
  RemitBox pos_box;
  gboolean has_qty;
  gint64 qty;           /* × H_SCALE */
  RemitBox qty_box;
  gboolean has_price;
  HNumber price;
  RemitBox price_box;
  gboolean has_total;
  HNumber total;
  gboolean has_vat;
  gint64 vat_tenths;    /* VAT rate in tenths of a percent */
  guint last_row;
} Item;

static void
item_clear (Item *item)
{
  if (item->description != NULL)
    g_string_free (item->description, TRUE);
  g_free (item->art_number);
  g_free (item->position);
}

static void
union_box (RemitBox *box, const RemitBox *add)
{
  if (box->page == 0)
    *box = *add;
  else
    remit_box_union (box, add, box);
}

/* The columns named in @row, or FALSE if it is not the head of an item table. */
static gboolean
read_header (const HDoc *doc, const HRow *row, GArray *columns, gboolean *net, gboolean *gross)
{
  gboolean desc = FALSE, money = FALSE;
  guint n_kinds = 0;

  g_array_set_size (columns, 0);
  *net = h_text_has_word (doc, row, 0, row->n, &net_header_words_set);
  *gross = h_text_has_word (doc, row, 0, row->n, &gross_header_words_set);

  for (guint pos = 0; pos < row->n; pos++)
    {
      int which;
      guint best_end = h_row_match (doc, row, pos, &col_words_set, &which);
      ColKind kind = best_end > 0 ? col_words[which].kind : COL_NONE;
      Column col = { 0 };

      if (kind == COL_NONE)
        continue;

      /* “Einzelpreis (EUR)”, “Betrag €”, “Preis netto”: part of the column's head. */
      while (best_end < row->n
             && h_gap_before (doc, row, best_end) < 0.8 * h_row_token (doc, row, best_end)->size)
        {
          const HToken *t = h_row_token (doc, row, best_end);

          gsize len = strlen (t->text);
          gboolean bracketed = len >= 2 && (t->text[0] == '(' || t->text[0] == '[')
                               && (t->text[len - 1] == ')' || t->text[len - 1] == ']');

          if (*t->norm != '\0' && h_currency_word (t->text) == NULL && !bracketed
              && !h_text_has_word (doc, row, best_end, best_end + 1, &net_header_words_set)
              && !h_text_has_word (doc, row, best_end, best_end + 1, &gross_header_words_set)
              && strcmp (t->norm, "in") != 0 && strcmp (t->norm, "%") != 0)
            break;
          best_end++;
        }

      /* Two heads of the same kind: the second price is the total (“Preis … Preis
       * gesamt”), a second description the unit. */
      for (guint c = 0; c < columns->len; c++)
        if (g_array_index (columns, Column, c).kind == kind)
          {
            if (kind == COL_PRICE)
              kind = COL_TOTAL;
            else if (kind == COL_DESC || kind == COL_TOTAL || kind == COL_QTY)
              kind = COL_NONE;
          }
      if (kind == COL_NONE)
        {
          pos = best_end - 1;
          continue;
        }

      col.kind = kind;
      col.left = h_row_token (doc, row, pos)->box.left;
      col.right = h_row_token (doc, row, best_end - 1)->box.left
                  + h_row_token (doc, row, best_end - 1)->box.width;
      g_array_append_val (columns, col);
      desc |= kind == COL_DESC;
      money |= kind == COL_PRICE || kind == COL_TOTAL;
      pos = best_end - 1;
    }

  for (guint c = 0; c < columns->len; c++)
    n_kinds++;

  if (!desc || !money || n_kinds < 3)
    return FALSE;

  for (guint c = 0; c < columns->len; c++)
    {
      Column *col = &g_array_index (columns, Column, c);

      col->lo = c == 0 ? -G_MAXDOUBLE
                       : (g_array_index (columns, Column, c - 1).right + col->left) / 2;
      col->hi = c + 1 == columns->len
                  ? G_MAXDOUBLE
                  : (col->right + g_array_index (columns, Column, c + 1).left) / 2;
    }

  return TRUE;
}

static ColKind
column_of (GArray *columns, const HToken *t)
{
  double centre = t->box.left + t->box.width / 2;

  for (guint c = 0; c < columns->len; c++)
    {
      const Column *col = &g_array_index (columns, Column, c);

      if (centre >= col->lo && centre < col->hi)
        return col->kind;
    }

  return COL_NONE;
}

static gboolean
parse_quantity (const char *text, gint64 *qty)
{
  g_autofree char *copy = g_strdup (text);
  gsize len = strlen (copy);
  HNumber number;

  /* “2x”, “2×” */
  if (len > 1 && (copy[len - 1] == 'x' || copy[len - 1] == 'X'))
    copy[--len] = '\0';
  if (g_str_has_suffix (copy, "×"))
    copy[len - strlen ("×")] = '\0';

  if (!h_number_parse (copy, &number) || number.percent || number.currency != NULL
      || number.negative)
    return FALSE;
  *qty = number.scaled;
  return TRUE;
}

static gboolean
parse_rate (const char *text, gint64 *tenths)
{
  HNumber number;

  if (!h_number_parse (text, &number) || number.currency != NULL)
    return FALSE;
  if (number.scaled > 100 * H_SCALE)
    return FALSE;
  *tenths = number.scaled / (H_SCALE / 10);
  return TRUE;
}

/* Half away from zero. */
static gint64
div_round (gint64 a, gint64 b)
{
  gint64 q = a / b;
  gint64 r = a % b;

  if (2 * (r < 0 ? -r : r) >= b)
    q += a < 0 ? -1 : 1;
  return q;
}

static gint64
minor_of (gint64 scaled, int decimals)
{
  gint64 unit = H_SCALE;

  for (int i = 0; i < decimals; i++)
    unit /= 10;
  return div_round (scaled, unit);
}

static const AddonWord *addon_at (const HDoc *doc, const HRow *row, guint pos, guint *end);

static gboolean
is_carry_row (const HDoc *doc, const HRow *row)
{
  return h_text_has_word (doc, row, 0, row->n, &carry_words_set)
         || h_row_find_any (doc, row, 0, row->n, &carry_phrases_set, NULL, NULL);
}

/* Whether a row ends the item table: a totals line with its amount (not “VAT No. DE…” in
 * a footer), or the head of a VAT table (“USt.-Satz Nettobetrag USt.-Betrag”). */
static gboolean
is_stop_row (const HDoc *doc, guint r)
{
  const HRow *row = h_row (doc, r);
  guint n_stop = 0;

  for (guint pos = 0; pos < row->n; pos++)
    n_stop += h_text_has_word (doc, row, pos, pos + 1, &stop_words_set) ? 1 : 0;
  if (h_row_find_any (doc, row, 0, row->n, &stop_phrases_set, NULL, NULL))
    n_stop++;
  return n_stop >= 2 || (n_stop == 1 && h_amount_right_of (doc, r, 0) != NULL);
}

/* A price in a table: with decimals or a currency, not a register number. */
static gboolean
is_price (const HNumber *number)
{
  return !number->percent && (number->n_decimals >= 2 || number->currency != NULL);
}

/* Whether a row has what an item row has: a quantity and a price in their columns. */
static gboolean
row_is_item (const HDoc *doc, const HRow *row, GArray *columns)
{
  gboolean qty = FALSE, price = FALSE;

  for (guint pos = 0; pos < row->n; pos++)
    {
      const HToken *t = h_row_token (doc, row, pos);
      ColKind kind = column_of (columns, t);
      HNumber number;

      if (!h_number_parse (t->text, &number) || number.percent)
        continue;
      qty |= kind == COL_QTY;
      price |= (kind == COL_PRICE || kind == COL_TOTAL) && is_price (&number);
    }

  return qty && price;
}

/* Reads one row of the table into the current item or a new one. Returns FALSE when the
 * row ends the table. */
static gboolean
read_row (const HDoc *doc, guint r, GArray *columns, GArray *items)
{
  const HRow *row = h_row (doc, r);
  Item fresh = { 0 };
  Item *item = items->len > 0 ? &g_array_index (items, Item, items->len - 1) : NULL;
  g_autoptr (GString) desc = g_string_new (NULL);
  RemitBox desc_box = { 0 };
  gboolean any_qty = FALSE;
  gint64 qty = 0;
  RemitBox qty_box = { 0 };
  gboolean any_price = FALSE, any_total = FALSE, any_vat = FALSE;
  HNumber price = { 0 }, total = { 0 };
  RemitBox price_box = { 0 };
  gint64 vat = 0;
  g_autofree char *art = NULL;
  RemitBox art_box = { 0 };
  g_autofree char *position = NULL;
  RemitBox pos_box = { 0 };
  ColKind prev = COL_NONE;
  gboolean new_item;

  for (guint pos = 0; pos < row->n; pos++)
    {
      const HToken *t = h_row_token (doc, row, pos);
      ColKind kind = column_of (columns, t);
      HNumber number;
      gboolean numeric = h_number_parse (t->text, &number);

      /* A description runs on into the next column's space: words closer than a column
       * gap, numbers only as close as a word space (“Schraube M8 (100 St.)”). */
      if (prev == COL_DESC
          && h_gap_before (doc, row, pos) < (numeric ? 0.6 : 1.2) * t->size)
        kind = COL_DESC;

      switch (kind)
        {
        case COL_POS:
          if (position == NULL && numeric && number.n_decimals == 0)
            {
              position = g_strdup_printf ("%" G_GINT64_FORMAT, number.scaled / H_SCALE);
              pos_box = t->box;
            }
          else if (!numeric)
            kind = COL_DESC;
          break;
        case COL_ARTNR:
          if (art == NULL)
            {
              art = g_strdup (t->text);
              art_box = t->box;
            }
          break;
        case COL_QTY:
          if (!any_qty && parse_quantity (t->text, &qty))
            {
              any_qty = TRUE;
              qty_box = t->box;
            }
          break;
        case COL_PRICE:
          if (!any_price && numeric && is_price (&number))
            {
              any_price = TRUE;
              price = number;
              price_box = t->box;
            }
          break;
        case COL_TOTAL:
          if (!any_total && numeric && is_price (&number))
            {
              any_total = TRUE;
              total = number;
            }
          break;
        case COL_VAT:
          /* “19 %”, “19%”, “7”: a rate, not a price that strayed into the column. */
          if (!any_vat && numeric && number.n_decimals <= 1
              && (number.percent || pos + 1 >= row->n
                  || strcmp (h_row_token (doc, row, pos + 1)->text, "%") == 0
                  || number.n_decimals == 0)
              && parse_rate (t->text, &vat))
            any_vat = TRUE;
          break;
        case COL_DESC:
        case COL_UNIT:
        case COL_NONE:
        default:
          break;
        }

      if (kind == COL_DESC)
        {
          if (desc->len > 0)
            g_string_append_c (desc, ' ');
          g_string_append (desc, t->text);
          union_box (&desc_box, &t->box);
        }
      prev = kind;
    }

  /* The end of the table: a totals line. */
  if (!any_qty && is_stop_row (doc, r))
    return FALSE;
  if (!any_qty && h_amount_right_of (doc, r, 0) != NULL)
    for (guint pos = 0; pos < row->n; pos++)
      {
        guint end;

        if (addon_at (doc, row, pos, &end) != NULL)
          return FALSE;
      }

  /* An item has a description; a row of numbers alone completes the one above. */
  if (item == NULL && desc->len == 0)
    return TRUE;
  /* A new item has a description or a position, and a quantity or prices of its own; a
   * row without them only fills in what the item above lacks, when close to it. */
  new_item = (desc->len > 0 || position != NULL)
             && (any_qty || position != NULL || item == NULL || (any_price && item->has_price)
                 || (any_total && item->has_total && !any_price));
  if (!new_item && desc->len == 0 && position == NULL)
    {
      const HRow *last = h_row (doc, item->last_row);

      if (last->page != row->page || row->top - last->bottom > 1.0 * (last->bottom - last->top)
          || (any_price && item->has_price) || (any_total && item->has_total))
        return TRUE;
    }
  if (!any_qty && !any_price && !any_total && position == NULL)
    {
      /* Text only: more of the description when close to the item above. */
      if (item != NULL && desc->len > 0)
        {
          const HRow *last = h_row (doc, item->last_row);

          if (last->page == row->page
              && row->top - last->bottom < 0.8 * (last->bottom - last->top))
            {
              g_string_append_c (item->description, ' ');
              g_string_append (item->description, desc->str);
              union_box (&item->desc_box, &desc_box);
              item->last_row = r;
            }
        }
      if (item == NULL && desc->len == 0)
        return TRUE;
      return TRUE;
    }

  if (new_item)
    {
      fresh.description = g_string_new (NULL);
      g_array_append_val (items, fresh);
      item = &g_array_index (items, Item, items->len - 1);
    }

  if (desc->len > 0)
    {
      if (item->description->len > 0)
        g_string_append_c (item->description, ' ');
      g_string_append (item->description, desc->str);
      union_box (&item->desc_box, &desc_box);
    }
  if (art != NULL && item->art_number == NULL)
    {
      item->art_number = g_steal_pointer (&art);
      item->art_box = art_box;
    }
  if (position != NULL && item->position == NULL)
    {
      item->position = g_steal_pointer (&position);
      item->pos_box = pos_box;
    }
  if (any_qty && !item->has_qty)
    {
      item->has_qty = TRUE;
      item->qty = qty;
      item->qty_box = qty_box;
    }
  if (any_price && !item->has_price)
    {
      item->has_price = TRUE;
      item->price = price;
      item->price_box = price_box;
    }
  if (any_total && !item->has_total)
    {
      item->has_total = TRUE;
      item->total = total;
    }
  if (any_vat && !item->has_vat)
    {
      item->has_vat = TRUE;
      item->vat_tenths = vat;
    }
  item->last_row = r;
  return TRUE;
}

/* A single VAT rate printed below the table (“MwSt. 19 %”, “VAT (20%)”). */
static gboolean
single_vat_rate (const HDoc *doc, guint from_row, gint64 *tenths)
{
  static const char *const vat_words[] = {
    "mwst", "ust", "umsatzsteuer", "mehrwertsteuer", "vat", "tax", "steuer", "tva", "zzgl", NULL,
  };
  static HPhrases vat_words_set = H_PHRASES (vat_words);
  gboolean found = FALSE;

  for (guint r = from_row; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);

      if (!h_text_has_word (doc, row, 0, row->n, &vat_words_set))
        continue;

      for (guint pos = 0; pos < row->n; pos++)
        {
          const HToken *t = h_row_token (doc, row, pos);
          HNumber number;
          gint64 rate;
          gboolean percent = FALSE;

          if (!h_number_parse (t->text, &number))
            continue;
          percent = number.percent || (pos + 1 < row->n
                                       && strcmp (h_row_token (doc, row, pos + 1)->text, "%") == 0);
          if (!percent || number.scaled > 100 * H_SCALE)
            continue;
          rate = number.scaled / (H_SCALE / 10);
          if (found && rate != *tenths)
            return FALSE;
          *tenths = rate;
          found = TRUE;
        }
    }

  return found;
}

static HPhrases addon_words_set = H_PHRASES (addon_words);

static const AddonWord *
addon_at (const HDoc *doc, const HRow *row, guint pos, guint *end)
{
  int which;

  *end = h_row_match (doc, row, pos, &addon_words_set, &which);
  return *end > 0 ? &addon_words[which] : NULL;
}

/* The gross price of one unit in minor units: the net price with VAT, rounded once. */
static gint64
gross_unit (const HNumber *price, gint64 vat_tenths, int decimals)
{
  gint64 divisor = 1000 * H_SCALE;

  for (int i = 0; i < decimals; i++)
    divisor /= 10;
  return div_round (price->scaled * (1000 + vat_tenths), divisor);
}

static gint64
gross_of (gint64 net_minor, gint64 vat_tenths)
{
  return div_round (net_minor * (1000 + vat_tenths), 1000);
}

void
h_find_line_items (HDoc *doc, RemitExtractionSet *set, const HAmountToPay *to_pay)
{
  g_autoptr (GArray) columns = g_array_new (FALSE, TRUE, sizeof (Column));
  g_autoptr (GArray) items = g_array_new (FALSE, TRUE, sizeof (Item));
  gboolean net = FALSE, gross = FALSE;
  gboolean in_table = FALSE;
  gboolean continued = FALSE;
  guint end_row = 0;
  int decimals = remit_currency_get_decimals (doc->currency);
  const char *currency = to_pay->found ? to_pay->value.currency : doc->currency;
  gint64 items_gross = 0;
  gint64 items_net = 0;
  gint64 addons_total = 0;
  gint64 single_rate = 0;
  gboolean have_single_rate;
  gboolean computable = TRUE;
  guint n_addons = 0;
  struct
  {
    const char *label;
    gint64 minor;
    RemitBox box;
  } addons[8];

  g_array_set_clear_func (items, (GDestroyNotify) item_clear);

  if (decimals < 0)
    decimals = 2;

  for (guint r = 0; r < doc->rows->len; r++)
    {
      const HRow *row = h_row (doc, r);
      g_autoptr (GArray) cols = g_array_new (FALSE, TRUE, sizeof (Column));
      gboolean n2, g2;

      /* A new page: the table goes on under a repeated head, or right away. */
      if (in_table && r > 0 && h_row (doc, r - 1)->page != row->page)
        {
          in_table = FALSE;
          continued = TRUE;
        }

      if (!in_table)
        {
          if (read_header (doc, row, cols, &n2, &g2))
            {
              /* The first head sets the columns; a repeated one is skipped. */
              if (items->len == 0)
                {
                  g_array_set_size (columns, 0);
                  g_array_append_vals (columns, cols->data, cols->len);
                  net = n2;
                  gross = g2;
                }
              in_table = TRUE;
              continued = FALSE;
              continue;
            }
          if (continued && !is_carry_row (doc, row) && is_stop_row (doc, r))
            break;
          if (!continued || !row_is_item (doc, row, columns))
            continue;
          in_table = TRUE;
          continued = FALSE;
        }

      /* “Übertrag”: the table goes on on the next page. */
      if (is_carry_row (doc, row))
        {
          in_table = FALSE;
          continued = TRUE;
          continue;
        }

      if (!read_row (doc, r, columns, items))
        {
          in_table = FALSE;
          continued = FALSE;
          end_row = r;
          break;
        }
      end_row = r + 1;
    }

  /* Only rows with a price are items. */
  for (guint i = items->len; i-- > 0;)
    {
      Item *item = &g_array_index (items, Item, i);

      if (!item->has_price && !item->has_total)
        g_array_remove_index (items, i);
    }

  if (items->len == 0)
    return;

  /* Fill in what the row does not say. */
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      if (!item->has_qty)
        {
          item->has_qty = TRUE;
          item->qty = H_SCALE;
          if (item->has_price && item->has_total && item->price.scaled != 0
              && (item->total.scaled * H_SCALE) % item->price.scaled == 0)
            item->qty = item->total.scaled * H_SCALE / item->price.scaled;
        }
      if (!item->has_price && item->has_total && item->qty != 0
          && (item->total.scaled * H_SCALE) % item->qty == 0)
        {
          item->has_price = TRUE;
          item->price = item->total;
          item->price.scaled = item->total.scaled * H_SCALE / item->qty;
          item->price_box = item->qty_box;
        }
    }

  /* Net or gross: the head may say; else the sum of the lines tells. */
  have_single_rate = single_vat_rate (doc, end_row, &single_rate);
  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      gint64 unit = minor_of (item->price.scaled, decimals);

      items_net += div_round (unit * item->qty, H_SCALE);
    }

  /* Addons between the table and the total. */
  for (guint r = end_row; r < doc->rows->len && end_row > 0 && n_addons < G_N_ELEMENTS (addons);
       r++)
    {
      const HRow *row = h_row (doc, r);

      for (guint pos = 0; pos < row->n && n_addons < G_N_ELEMENTS (addons); pos++)
        {
          guint end;
          const AddonWord *word = addon_at (doc, row, pos, &end);
          const HAmount *amount;
          gint64 minor;

          if (word == NULL)
            continue;
          amount = h_amount_right_of (doc, r, end);
          if (amount == NULL || amount->first_pos - end > 6)
            continue;
          minor = amount->amount.minor;
          if (word->negative && minor > 0)
            minor = -minor;
          addons[n_addons].label = word->label;
          addons[n_addons].minor = minor;
          addons[n_addons].box = amount->box;
          n_addons++;
          break;
        }
    }

  if (!gross && !net && to_pay->found)
    {
      gint64 sum = items_net;

      for (guint a = 0; a < n_addons; a++)
        sum += addons[a].minor;
      gross = sum == to_pay->value.minor;
      net = !gross;
    }

  for (guint i = 0; i < items->len; i++)
    {
      const Item *item = &g_array_index (items, Item, i);
      g_autoptr (RemitExtractionMap) map = remit_extraction_map_new ();
      gint64 unit = minor_of (item->price.scaled, decimals);
      RemitAmount base;
      g_autofree char *wire = NULL;
      g_autofree char *qty_text = NULL;
      g_autofree char *position = NULL;

      if (net)
        {
          if (item->has_vat)
            unit = gross_unit (&item->price, item->vat_tenths, decimals);
          else if (have_single_rate)
            unit = gross_unit (&item->price, single_rate, decimals);
          else
            computable = FALSE;
        }

      remit_amount_init (&base, item->price.negative ? -unit : unit, currency);
      wire = remit_amount_to_wire (&base);
      items_gross += div_round (base.minor * item->qty, H_SCALE);

      if (item->qty % H_SCALE == 0)
        qty_text = g_strdup_printf ("%" G_GINT64_FORMAT, item->qty / H_SCALE);
      else
        {
          char buf[32];
          gint64 frac = item->qty % H_SCALE;
          int digits = 4;

          while (frac % 10 == 0)
            {
              frac /= 10;
              digits--;
            }
          g_snprintf (buf, sizeof buf, "%" G_GINT64_FORMAT ".%0*" G_GINT64_FORMAT,
                      item->qty / H_SCALE, digits, frac);
          qty_text = g_strdup (buf);
        }
      position = item->position != NULL ? g_strdup (item->position)
                                        : g_strdup_printf ("%u", i + 1);

      {
        g_autoptr (RemitExtraction) e = h_extraction_new ("text", item->description->str,
                                                          &item->desc_box);
        remit_extraction_map_insert (map, "description", e);
      }
      if (item->art_number != NULL)
        {
          g_autoptr (RemitExtraction) e = h_extraction_new ("text", item->art_number,
                                                            &item->art_box);
          remit_extraction_map_insert (map, "artNumber", e);
        }
      {
        g_autoptr (RemitExtraction) e = h_extraction_new ("numeric", qty_text, &item->qty_box);
        remit_extraction_map_insert (map, "quantity", e);
      }
      {
        g_autoptr (RemitExtraction) e = h_extraction_new ("amount", wire, &item->price_box);
        remit_extraction_map_insert (map, "baseGross", e);
      }
      {
        g_autoptr (RemitExtraction) e = h_extraction_new ("numeric", position, &item->pos_box);
        remit_extraction_map_insert (map, "position", e);
      }
      remit_extraction_set_add_compound_row (set, REMIT_COMPOUND_LINE_ITEMS, map);
    }

  /* Addons are gross when the table is; net ones get the single rate. */
  for (guint a = 0; a < n_addons; a++)
    {
      g_autoptr (RemitExtraction) e = NULL;
      RemitAmount amount;
      g_autofree char *wire = NULL;
      gint64 minor = addons[a].minor;

      if (net && have_single_rate)
        {
          /* An addon above the VAT line is net; after the gross total nothing is added. */
          minor = gross_of (minor, single_rate);
        }
      remit_amount_init (&amount, minor, currency);
      wire = remit_amount_to_wire (&amount);
      addons_total += minor;
      if (remit_extraction_set_get_extraction (set, addons[a].label) != NULL)
        continue;
      e = h_extraction_new ("amount", wire, &addons[a].box);
      remit_extraction_set_set_extraction (set, addons[a].label, e);
    }

  {
    gboolean consistent = computable && to_pay->found
                          && items_gross + addons_total == to_pay->value.minor;
    g_autoptr (RemitExtraction) e = remit_extraction_new ("text", consistent ? "true" : "false");

    remit_extraction_set_set_extraction (set, REMIT_LABEL_AMOUNTS_ARE_CONSISTENT, e);
  }

  {
    static const struct
    {
      const char *id;
      const char *de;
      const char *en;
    } reasons[] = {
      { "r1", "Artikel ist beschädigt", "Item is damaged" },
      { "r2", "Falscher Artikel geliefert", "Wrong item delivered" },
      { "r3", "Passt nicht", "Does not fit" },
      { "r4", "Entspricht nicht der Beschreibung", "Not as described" },
      { "r5", "Zu spät geliefert", "Arrived too late" },
      { "r6", "Nicht mehr benötigt", "No longer needed" },
      { "r7", "Gefällt mir nicht", "Do not like it" },
      { "r8", "Sonstiges", "Other reason" },
    };

    for (gsize i = 0; i < G_N_ELEMENTS (reasons); i++)
      {
        remit_extraction_set_set_return_reason_text (set, reasons[i].id, "de", reasons[i].de);
        remit_extraction_set_set_return_reason_text (set, reasons[i].id, "en", reasons[i].en);
      }
  }
}
