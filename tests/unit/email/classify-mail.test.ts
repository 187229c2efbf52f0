import { classifyMail, type MailToClassify } from '../../../domain/email/classify-mail';
import type { MailClassification } from '../../../domain/email/inbound-email';
import { mailHeadersFromLines } from '../../../domain/email/mail-headers';

/** A header block as real mail systems write it (folding included) → what classifyMail reads. */
function mail(block: string, envelopeFrom?: string): MailToClassify {
  const lines = block.trim().split(/\n(?![ \t])/);
  const headers = mailHeadersFromLines(lines);
  const from = /<([^>]+)>|(\S+@\S+)/.exec(headers.from?.[0] ?? '');
  return { headers, fromAddress: (from?.[1] ?? from?.[2] ?? '').toLowerCase(), envelopeFrom };
}

const GMAIL_VACATION = `
Return-Path: <alice.example@gmail.com>
MIME-Version: 1.0
From: Alice Example <alice.example@gmail.com>
Date: Tue, 24 Nov 2026 10:15:01 +0100
Message-ID: <CAF3x9w7kQ=vacation-9f2@mail.gmail.com>
Subject: Re: We received your request [MRD-7K3Q-9XZP-4F2M]
To: Meridian Support <support@meridian.example>
In-Reply-To: <ticket.tkt_Qm9vZ2xlLWhlbGxv@meridian>
References: <ticket.tkt_Qm9vZ2xlLWhlbGxv@meridian>
Auto-Submitted: auto-replied
Content-Type: text/plain; charset="UTF-8"`;

const OUTLOOK_OUT_OF_OFFICE = `
From: Bob Jones <Bob.Jones@contoso.com>
To: Meridian Support <support@meridian.example>
Subject: Automatic reply: We received your request [MRD-7K3Q-9XZP-4F2M]
Thread-Topic: We received your request [MRD-7K3Q-9XZP-4F2M]
Thread-Index: AQHZ9F2kPq0lGm1kT0a0m6bqN8p0Qg==
Date: Tue, 24 Nov 2026 09:15:03 +0000
Message-ID: <DB9PR08MB71234ABCDEF0@DB9PR08MB7123.eurprd08.prod.outlook.com>
In-Reply-To: <ticket.tkt_Qm9vZ2xlLWhlbGxv@meridian>
Content-Language: en-GB
X-MS-Has-Attach:
X-MS-TNEF-Correlator:
Auto-Submitted: auto-generated
X-Auto-Response-Suppress: All
X-MS-Exchange-Inbox-Rules-Loop: Bob.Jones@contoso.com
Content-Type: text/plain; charset="iso-8859-1"`;

/** Exchange 2010 and older: no Auto-Submitted, only Microsoft's own header. */
const EXCHANGE_AUTO_REPLY = `
From: Carol Smith <carol@fabrikam.example>
To: <support@meridian.example>
Subject: Out of Office: Your request
Date: Tue, 24 Nov 2026 09:15:03 +0000
Message-ID: <1A2B3C4D5E6F@EXCH01.fabrikam.example>
X-MS-Exchange-Organization-AutoResponse: true
X-Auto-Response-Suppress: DR, RN, NRN, OOF, AutoReply
Content-Type: text/plain; charset="us-ascii"`;

const POSTFIX_BOUNCE = `
Return-Path: <>
From: MAILER-DAEMON@mx1.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: support@meridian.example
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4C1E45E1B2.1700000000/mx1.example.net"
Message-Id: <20261124091503.4C1E45E1B2@mx1.example.net>`;

const EXCHANGE_NDR_BY_IMAP = `
From: Microsoft Outlook <postmaster@contoso.com>
To: <support@meridian.example>
Date: Tue, 24 Nov 2026 09:15:03 +0000
Subject: Undeliverable: Your request
Content-Type: multipart/report; report-type=delivery-status;
	boundary="_000_NDR_"
Message-ID: <f1a6c3d2-ndr@contoso.com>`;

const READ_RECEIPT = `
From: Dave <dave@example.org>
To: support@meridian.example
Subject: Read: Your request
Content-Type: multipart/report; report-type=disposition-notification; boundary="mdn"
Message-ID: <mdn-1@example.org>`;

const MAILMAN_LIST = `
From: Erin <erin@example.org>
To: dev@lists.example.org
Subject: [dev] Release candidate 3
Message-ID: <rc3-announce@example.org>
List-Id: Developers <dev.lists.example.org>
List-Unsubscribe: <https://lists.example.org/mailman/options/dev>,
 <mailto:dev-request@lists.example.org?subject=unsubscribe>
List-Post: <mailto:dev@lists.example.org>
Precedence: list
Sender: "dev" <dev-bounces@lists.example.org>`;

const BULK_NEWSLETTER = `
From: Shop <news@shop.example>
To: support@meridian.example
Subject: 20% off this week
Precedence: bulk
Message-ID: <nl-2026-47@shop.example>`;

const CPANEL_AUTORESPONDER = `
From: sales@small-business.example
To: support@meridian.example
Subject: Thanks for your mail
X-Autorespond: Thanks for your mail
Message-ID: <auto-1@small-business.example>`;

const OUR_ACKNOWLEDGEMENT_BACK = `
From: Meridian Support <support@meridian.example>
To: forwarder@example.org
Subject: We received your request [MRD-7K3Q-9XZP-4F2M]
Message-ID: <ticket.tkt_Qm9vZ2xlLWhlbGxv@meridian>
X-Meridian-Ticket: tkt_Qm9vZ2xlLWhlbGxv
Content-Language: en`;

const THUNDERBIRD_REPLY = `
Message-ID: <5f0b2c1e-6a3d-4e0f-9a7b-1c2d3e4f5a6b@example.org>
Date: Tue, 24 Nov 2026 10:20:11 +0100
MIME-Version: 1.0
User-Agent: Mozilla Thunderbird
Subject: Re: We received your request [MRD-7K3Q-9XZP-4F2M]
To: Meridian Support <support@meridian.example>
References: <ticket.tkt_Qm9vZ2xlLWhlbGxv@meridian>
From: Frank Miller <frank@example.org>
In-Reply-To: <ticket.tkt_Qm9vZ2xlLWhlbGxv@meridian>
Content-Type: text/plain; charset=UTF-8; format=flowed`;

/** An Outlook reply with Microsoft's usual read-receipt suppression: a person wrote it. */
const OUTLOOK_PERSON_REPLY = `
From: Grace <grace@contoso.com>
To: support@meridian.example
Subject: RE: Your request
Message-ID: <AM0PR01MB1234@AM0PR01MB1234.eurprd01.prod.outlook.com>
X-Auto-Response-Suppress: RN, NRN
Auto-Submitted: No (written by a person)`;

const automatic = (reason: string): MailClassification => ({ kind: 'automatic', reason }) as MailClassification;

describe('classifyMail', () => {
  it.each<[string, MailToClassify, MailClassification]>([
    ['a Gmail vacation responder', mail(GMAIL_VACATION, 'alice.example@gmail.com'), automatic('auto_submitted')],
    ['a Microsoft 365 out-of-office reply', mail(OUTLOOK_OUT_OF_OFFICE, 'bob.jones@contoso.com'), automatic('auto_submitted')],
    ['an Exchange auto-reply without Auto-Submitted', mail(EXCHANGE_AUTO_REPLY, 'carol@fabrikam.example'), automatic('autoreply_header')],
    ['a Postfix bounce (DSN) from the null sender', mail(POSTFIX_BOUNCE, ''), automatic('null_sender')],
    ['an Exchange bounce read from a mailbox (Return-Path lost)', mail(EXCHANGE_NDR_BY_IMAP), automatic('mailer_daemon')],
    ['the same bounce still carrying Return-Path: <>', mail(`Return-Path: <>\n${EXCHANGE_NDR_BY_IMAP.trim()}`), automatic('null_sender')],
    ['a read receipt (multipart/report from a person)', mail(READ_RECEIPT, 'dave@example.org'), automatic('delivery_report')],
    ['a Mailman list post', mail(MAILMAN_LIST, 'dev-bounces@lists.example.org'), automatic('mailing_list')],
    ['a newsletter sent as bulk', mail(BULK_NEWSLETTER, 'bounce@shop.example'), automatic('precedence')],
    ['a cPanel autoresponder', mail(CPANEL_AUTORESPONDER, 'sales@small-business.example'), automatic('autoreply_header')],
    ['our own acknowledgement coming back', mail(OUR_ACKNOWLEDGEMENT_BACK, 'forwarder@example.org'), automatic('own_mail')],
    ['a Thunderbird reply', mail(THUNDERBIRD_REPLY, 'frank@example.org'), { kind: 'customer' }],
    ['an Outlook reply that suppresses read receipts only', mail(OUTLOOK_PERSON_REPLY, 'grace@contoso.com'), { kind: 'customer' }],
  ])('classifies %s', (_name, input, expected) => {
    expect(classifyMail(input)).toEqual(expected);
  });

  it('reads header names and values in any case', () => {
    const shouting = mail('FROM: x@example.org\nAUTO-SUBMITTED: Auto-Replied\nPRECEDENCE: JUNK', 'x@example.org');
    expect(classifyMail(shouting)).toEqual(automatic('auto_submitted'));
    expect(classifyMail(mail('From: x@example.org\nPrecedence: Junk', 'x@example.org'))).toEqual(automatic('precedence'));
  });

  it('takes a mail from a Meridian outbox Message-ID as our own', () => {
    const reply = mail('From: a@example.org\nMessage-ID: <0b7c9f3e-1d2a-4b5c-8d9e-0f1a2b3c4d5e@meridian>', 'a@example.org');
    expect(classifyMail(reply)).toEqual(automatic('own_mail'));
  });

  it('takes the envelope sender MAILER-DAEMON as a mail system even when From looks personal', () => {
    expect(classifyMail(mail('From: Helpful Person <help@example.org>', 'MAILER-DAEMON@mx.example.org'))).toEqual(automatic('mailer_daemon'));
  });
});
