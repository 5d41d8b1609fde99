// The documents as a reader sees them: parsed back with pdf.js, not searched as bytes.
import { describe, expect, test } from 'vitest';
import { renderGiftReceiptPdf, renderInvoicePdf, renderReceiptPdf, renderStatementPdf } from './documents.ts';
import { pdfText } from './pdf-text.ts';

const organization = { name: 'American Balint Society', postalAddress: 'PO Box 1\nSpokane, WA 99201' };
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('money documents', () => {
  test('an invoice names the payer in any script, its lines, total, payments, balance and instructions', async () => {
    const pdf = await renderInvoicePdf({
      organization,
      number: 'ABS-000123',
      issuedOn: '2025-02-01',
      dueOn: '2025-02-15',
      payerName: 'Zoë Łukasiewicz',
      payerEmail: 'zoe@example.org',
      currency: 'USD',
      lines: [
        { description: 'Balint Leadership Training Intensive — Ньютон', amountMinor: 90000 },
        { description: 'Donation to the Financial-aid fund', amountMinor: 5050 },
      ],
      totalMinor: 95050,
      payments: [{ receivedOn: '2025-02-10', method: 'Check', reference: '#1042', amountMinor: 50000 }],
      balanceMinor: 45050,
      paymentInstructions: 'Make checks payable to the American Balint Society.',
      paid: false,
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = flat(await pdfText(pdf));
    expect(text).toContain('Invoice ABS-000123');
    expect(text).toContain('Zoë Łukasiewicz');
    expect(text).toContain('Ньютон');
    expect(text).toContain('American Balint Society');
    expect(text).toContain('Spokane, WA 99201');
    expect(text).toContain('February 15, 2025');
    expect(text).toContain('$900');
    expect(text).toContain('$50.50');
    expect(text).toContain('$950.50');
    expect(text).toContain('Check (#1042)');
    expect(text).toContain('$450.50 due');
    expect(text).toContain('Make checks payable to the American Balint Society.');
  });

  test('a receipt shows what the payment paid, per account, and the balance after', async () => {
    const text = flat(
      await pdfText(
        await renderReceiptPdf({
          organization,
          number: 'ABS-000124',
          payerName: 'Ньютон Иван',
          payerEmail: 'ivan@example.org',
          receivedOn: '2025-02-10',
          method: 'Bank transfer',
          reference: 'TR-77',
          currency: 'USD',
          amountMinor: 97500,
          accounts: [{ account: 'Intensive 2025 — Ньютон Иван', description: 'Payment', amountMinor: 97500, balanceAfterMinor: 0 }],
        }),
      ),
    );
    expect(text).toContain('Receipt ABS-000124');
    expect(text).toContain('Ньютон Иван');
    expect(text).toContain('February 10, 2025');
    expect(text).toContain('Bank transfer (TR-77)');
    expect(text).toContain('$975');
    expect(text).toContain('$0');
  });

  test('a gift receipt says plainly that the amount is a gift and carries the statement', async () => {
    const text = flat(
      await pdfText(
        await renderGiftReceiptPdf({
          organization,
          number: 'ABS-000125',
          donorName: 'Zoë Łukasiewicz',
          donorEmail: 'zoe@example.org',
          date: '2025-02-11',
          currency: 'USD',
          gifts: [{ fund: 'Financial-aid fund', amountMinor: 25000 }],
          totalMinor: 25000,
          statement: 'The American Balint Society is a 501(c)(3) organization; EIN 00-0000000.',
        }),
      ),
    );
    expect(text).toContain('Gift receipt ABS-000125');
    expect(text).toContain('The amount of $250 is a gift: a donation to American Balint Society.');
    expect(text).toContain('Financial-aid fund');
    expect(text).toContain('501(c)(3) organization; EIN 00-0000000.');
    expect(text).toContain('Zoë Łukasiewicz');
  });

  test('a statement lists every entry in order with a running balance, over several pages', async () => {
    const entries = Array.from({ length: 80 }, (_, i) => ({ effectiveOn: '2025-02-01', description: `Entry ${i + 1}`, amountMinor: 100, balanceMinor: (i + 1) * 100 }));
    const text = flat(
      await pdfText(
        await renderStatementPdf({
          organization,
          issuedOn: '2025-03-01',
          account: 'Intensive 2025',
          holderName: 'Zoë Łukasiewicz',
          holderEmail: 'zoe@example.org',
          currency: 'USD',
          entries,
          balanceMinor: 8000,
        }),
      ),
    );
    expect(text).toContain('Statement of account');
    expect(text).toContain('Zoë Łukasiewicz');
    expect(text.indexOf('Entry 1 ')).toBeLessThan(text.indexOf('Entry 2 '));
    expect(text).toContain('Entry 80 $1 $80');
    expect(text).toContain('$80 due');
  });
});
