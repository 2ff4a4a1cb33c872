using CxWarehouse.Generator.Catalog;
using CxWarehouse.Generator.Core;

namespace CxWarehouse.Generator.Simulation;

/// <summary>Calls (Amazon Connect or Asterisk) and tickets (Salesforce Cases).</summary>
internal sealed partial class PersonSimulator
{
    private static readonly Dictionary<string, double> s_talkMedian = new(StringComparer.Ordinal)
    {
        ["booking"] = 360,
        ["pricing"] = 240,
        ["delivery"] = 180,
        ["complaint"] = 480,
        ["other"] = 120,
    };

    /// <summary>
    /// A call from (or, outbound, to) the person. With <paramref name="forceAnswer"/> the caller keeps
    /// trying until an agent answers. Known callers answered may get a survey; unresolved ones call back.
    /// </summary>
    private CallOutcome? Call(
        DateTime start, string topic, bool known, bool forceAnswer, string method = "INBOUND", int depth = 0)
    {
        if (start >= Cutoff)
        {
            return null;
        }

        var rng = _rng;
        CallOutcome? outcome = null;
        var attempts = forceAnswer ? 3 : 1;
        for (var attempt = 0; attempt < attempts; attempt++)
        {
            var last = forceAnswer && attempt == attempts - 1;
            var retry = rng.Chance(0.4) && !_location.UsesAsterisk ? "CALLBACK" : "INBOUND";
            var initiation = attempt == 0 || method == "OUTBOUND" ? method : retry;
            outcome = _location.UsesAsterisk
                ? AsteriskCall(start, topic, known, last || method == "OUTBOUND")
                : ConnectCall(start, topic, known, last || method == "OUTBOUND", initiation);
            if (outcome is null || outcome.Answered || outcome.End.AddMinutes(30) >= Cutoff)
            {
                break;
            }

            start = OpeningHours(outcome.End.AddMinutes(rng.Uniform(3, 180)));
            if (start >= Cutoff)
            {
                break;
            }
        }

        if (outcome is not { Answered: true, Agent: { } agent } || !known)
        {
            return outcome;
        }

        var q = _location.Quality;
        var satisfaction = Math.Clamp(
            0.32 + (0.35 * agent.Skill) + (outcome.Resolved ? 0.2 : 0) - (Math.Min(outcome.WaitSeconds, 600) / 900)
                + (0.15 * q) + _bias + rng.Normal(0, 0.1),
            0,
            1);
        var ease = Math.Clamp(0.3 + (outcome.Resolved ? 0.4 : 0) - (outcome.WaitSeconds / 600) + (0.2 * agent.Skill)
            + rng.Normal(0, 0.1), 0, 1);
        if (method != "OUTBOUND")
        {
            Survey(outcome.End, "call", outcome.Reference, satisfaction, ease,
                topic == "complaint" ? Topic.Staff : null);
        }

        // Unresolved contacts come back: the repeat call that first-contact resolution counts.
        if (!outcome.Resolved && depth == 0 && rng.Chance(0.4))
        {
            Call(OpeningHours(outcome.End.AddHours(rng.Uniform(2, 24 * 6))), topic, known, forceAnswer: false, depth: 1);
        }

        return outcome;
    }

    private (bool Answered, double Wait, double Ivr) QueueOutcome(bool forceAnswer, DateTime start)
    {
        var rng = _rng;
        var q = _location.Quality;
        var local = Clock.ToLocal(start, Zone);
        var mondayMorning = local.DayOfWeek == DayOfWeek.Monday && local.Hour < 12;
        var busy = (mondayMorning ? 1.5 : 1.0) * (local.Month == 12 ? 1.3 : 1.0);
        var wait = rng.Exponential((8 + (90 * (1 - q))) * busy);
        var patience = rng.Chance(0.02) ? rng.Uniform(1, 4.9) : rng.Exponential(120 + (200 * q));
        var ivr = rng.Uniform(8, 40);
        return forceAnswer || wait <= patience ? (true, wait, ivr) : (false, patience, ivr);
    }

    private CallOutcome? ConnectCall(DateTime start, string topic, bool known, bool forceAnswer, string method)
    {
        var rng = _rng;
        var outbound = method == "OUTBOUND";
        var contactId = rng.Uuid();
        var system = start.AddSeconds(rng.Next(0, 3));
        var (answered, wait, ivr) = outbound ? (true, 0.0, 0.0) : QueueOutcome(forceAnswer, start);
        DateTime? enqueue = outbound ? null : system.AddSeconds(Math.Round(ivr));
        DateTime? dequeue = enqueue?.AddSeconds(Math.Round(wait));
        var redelivery = rng.Chance(0.03) ? (rng.Chance(0.5) ? 1 : 2) : 0;
        var region = _location.AwsRegion;
        if (!answered)
        {
            var end = dequeue!.Value;
            if (end >= Cutoff)
            {
                return null;
            }

            ctx.Connect.Write(new ConnectRecord
            {
                ContactId = contactId,
                InitiationMethod = method,
                Initiation = start,
                ConnectedToSystem = system,
                Disconnect = end,
                LastUpdate = end.AddSeconds(rng.Next(5, 40)),
                DisconnectReason = "CUSTOMER_DISCONNECT",
                CustomerAddress = _phone.E164,
                SystemAddress = _location.SystemPhone,
                Region = region,
                LocationCode = _location.Code,
                Topic = topic,
                Enqueue = enqueue,
                Dequeue = dequeue,
                ConnectionAttempts = wait > 20 ? 1 : 0,
                Redelivery = redelivery,
            });
            CountCall(known, "connect", "ContactId", contactId);
            return new CallOutcome(false, null, end, contactId, false, wait);
        }

        var agent = rng.Pick(_location.Agents);
        var connected = outbound ? system.AddSeconds(rng.Next(5, 25)) : dequeue!.Value;
        var talk = (int)Math.Round(s_talkMedian[topic] * (1.5 - (0.7 * agent.Skill)) * rng.LogNormal(1, 0.35));
        var holds = rng.Chance(0.2 + (0.3 * (1 - agent.Skill))) ? rng.Next(1, 4) : 0;
        var holdTotal = 0;
        var longest = 0;
        for (var h = 0; h < holds; h++)
        {
            var hold = rng.Next(15, 150);
            holdTotal += hold;
            longest = Math.Max(longest, hold);
        }

        var disconnect = connected.AddSeconds(talk + holdTotal);
        var acw = (int)Math.Round(rng.Uniform(20, 150) * (1.4 - (0.6 * agent.Skill)));
        if (disconnect.AddSeconds(acw + 60) >= Cutoff)
        {
            return null;
        }

        var resolved = rng.Chance(0.45 + (0.5 * agent.Skill) - (topic == "complaint" ? 0.15 : 0));
        var record = new ConnectRecord
        {
            ContactId = contactId,
            InitiationMethod = method,
            Initiation = start,
            ConnectedToSystem = system,
            Disconnect = disconnect,
            LastUpdate = disconnect.AddSeconds(acw + rng.Next(5, 60)),
            DisconnectReason = rng.Chance(0.6) ? "CUSTOMER_DISCONNECT" : "AGENT_DISCONNECT",
            CustomerAddress = _phone.E164,
            SystemAddress = _location.SystemPhone,
            Region = region,
            LocationCode = _location.Code,
            Topic = topic,
            Resolved = resolved,
            Enqueue = enqueue,
            Dequeue = dequeue,
            Agent = agent,
            ConnectedToAgent = connected,
            TalkSeconds = talk,
            HoldSeconds = holdTotal,
            Holds = holds,
            LongestHold = longest,
            AcwSeconds = acw,
            ConnectionAttempts = 1,
            Redelivery = redelivery,
        };

        // Some calls go to a colleague: a TRANSFER contact continues the first one.
        if (!outbound && _location.Agents.Count > 1 && rng.Chance(0.05))
        {
            var secondId = rng.Uuid();
            record.NextContactId = secondId;
            ctx.Connect.Write(record);
            CountCall(known, "connect", "ContactId", contactId);
            var other = _location.Agents.First(a => a != agent);
            var queued = disconnect.AddSeconds(rng.Next(2, 8));
            var picked = queued.AddSeconds(rng.Next(5, 90));
            var talk2 = (int)Math.Round(s_talkMedian[topic] * (1.4 - (0.7 * other.Skill)) * rng.LogNormal(0.8, 0.3));
            var end2 = picked.AddSeconds(talk2);
            var acw2 = rng.Next(20, 120);
            if (end2.AddSeconds(acw2 + 60) >= Cutoff)
            {
                return new CallOutcome(true, agent, disconnect, contactId, resolved, wait);
            }

            resolved = rng.Chance(0.5 + (0.45 * other.Skill));
            ctx.Connect.Write(new ConnectRecord
            {
                ContactId = secondId,
                InitialContactId = contactId,
                PreviousContactId = contactId,
                InitiationMethod = "TRANSFER",
                Initiation = disconnect,
                ConnectedToSystem = disconnect,
                Disconnect = end2,
                LastUpdate = end2.AddSeconds(acw2 + rng.Next(5, 60)),
                DisconnectReason = "CUSTOMER_DISCONNECT",
                CustomerAddress = _phone.E164,
                SystemAddress = _location.SystemPhone,
                Region = region,
                LocationCode = _location.Code,
                Topic = topic,
                Resolved = resolved,
                Enqueue = queued,
                Dequeue = picked,
                Agent = other,
                ConnectedToAgent = picked,
                TalkSeconds = talk2,
                Holds = 0,
                AcwSeconds = acw2,
                ConnectionAttempts = 1,
            });
            CountCall(known, "connect", "ContactId", secondId);
            return new CallOutcome(true, other, end2, secondId, resolved, wait);
        }

        ctx.Connect.Write(record);
        CountCall(known, "connect", "ContactId", contactId);
        return new CallOutcome(true, agent, disconnect, contactId, resolved, wait);
    }

    private CallOutcome? AsteriskCall(DateTime start, string topic, bool known, bool forceAnswer)
    {
        var rng = _rng;
        var (answered, wait, ivr) = QueueOutcome(forceAnswer, start);
        var uniqueId = Text.Int(Clock.UnixSeconds(start)) + "." + Text.Int(ctx.NextAsteriskSequence++);
        var source = rng.Chance(0.2) ? _phone.E164 : _phone.Nsn;
        var name = known && rng.Chance(0.3)
            ? Text.AsciiFold(_first).ToUpperInvariant() + " " + Text.AsciiFold(_last).ToUpperInvariant() : source;
        var trunk = "SIP/vivo-trunk-" + rng.Hex(8);
        var localStart = Clock.ToLocal(start, Zone);
        if (!answered)
        {
            var end = start.AddSeconds(Math.Round(ivr + wait));
            if (end >= Cutoff)
            {
                return null;
            }

            var disposition = rng.PickWeighted([0.9, 0.07, 0.03]) switch
            {
                0 => "NO ANSWER",
                1 => "BUSY",
                _ => "FAILED",
            };
            ctx.Asterisk.Write(new CdrRecord
            {
                AccountCode = "lumen-sao",
                Source = source,
                Destination = "1130420000",
                Context = "from-trunk",
                CallerName = name,
                Channel = trunk,
                DestinationChannel = "",
                LastApp = "Queue",
                LastData = "sao-bookings,t,,,300",
                StartLocal = localStart,
                EndLocal = Clock.ToLocal(end, Zone),
                Disposition = disposition,
                UniqueId = uniqueId,
                UserField = "",
            });
            CountCall(known, "asterisk", "uniqueid", uniqueId);
            return new CallOutcome(false, null, end, uniqueId, false, wait);
        }

        var agent = rng.Pick(_location.Agents);
        var answer = start.AddSeconds(Math.Round(ivr + wait));
        var talk = (int)Math.Round(s_talkMedian[topic] * (1.5 - (0.7 * agent.Skill)) * rng.LogNormal(1, 0.35));
        var hangup = answer.AddSeconds(talk);
        if (hangup.AddMinutes(5) >= Cutoff)
        {
            return null;
        }

        var call = new CdrRecord
        {
            AccountCode = "lumen-sao",
            Source = source,
            Destination = "1130420000",
            Context = "from-trunk",
            CallerName = name,
            Channel = trunk,
            DestinationChannel = "SIP/" + Text.Int(agent.Extension) + "-" + rng.Hex(8),
            LastApp = "Queue",
            LastData = "sao-bookings,t,,,300",
            StartLocal = localStart,
            AnswerLocal = Clock.ToLocal(answer, Zone),
            EndLocal = Clock.ToLocal(hangup, Zone),
            Disposition = "ANSWERED",
            UniqueId = uniqueId,
            UserField = agent.Username,
        };
        // One call in five that waited a while first rang another agent, who did not pick up: Asterisk writes that
        // leg (NO ANSWER, from the call's start) before the answered one, which starts when the first leg ends; both
        // carry the call's uniqueid. Chosen by the call's id, not the simulation's random stream, so that nothing
        // else in the business changes.
        var legs = StableHash.Of(uniqueId);
        if (legs % 5 == 0 && wait >= 12 && _location.Agents.Count > 1)
        {
            var missed = _location.Agents[(int)((legs / 5) % (ulong)(_location.Agents.Count - 1))];
            missed = missed == agent ? _location.Agents[^1] : missed;
            var legEnd = Clock.ToLocal(start.AddSeconds(Math.Round(ivr + (wait / 2))), Zone);
            ctx.Asterisk.WriteLeg(call with
            {
                DestinationChannel = "SIP/" + Text.Int(missed.Extension) + "-"
                    + ((legs >> 16) & 0xFFFFFFFF).ToString("x8", System.Globalization.CultureInfo.InvariantCulture),
                AnswerLocal = null,
                EndLocal = legEnd,
                Disposition = "NO ANSWER",
                UserField = "",
            });
            call = call with { StartLocal = legEnd };
        }

        ctx.Asterisk.Write(call);
        CountCall(known, "asterisk", "uniqueid", uniqueId);
        var resolved = rng.Chance(0.45 + (0.5 * agent.Skill) - (topic == "complaint" ? 0.15 : 0));
        return new CallOutcome(true, agent, hangup, uniqueId, resolved, wait);
    }

    private void CountCall(bool known, string source, string type, string id)
    {
        ctx.Touchpoints.Calls++;
        if (known)
        {
            ctx.Truth.Identity(_personId, source, type, id);
        }
    }

    /// <summary>A Salesforce Case about a topic; surveys the customer once closed.</summary>
    private TicketOutcome? Ticket(DateTime created, string type, Topic topic, string origin, Product? product,
        DateOnly? shoot)
    {
        if (created >= Cutoff || _contactId is null)
        {
            return null;
        }

        var rng = _rng;
        var q = _location.Quality;
        var agent = rng.Pick(_location.Agents);
        var complaint = type == "Complaint";
        var firstResponseHours = origin switch
        {
            "Chat" => rng.Uniform(0.02, 0.25),
            "Phone" => 0,
            "Social" => rng.LogNormal(1 + (6 * (1 - q)), 0.8),
            _ => rng.LogNormal(3 + (20 * (1 - q)), 0.8),
        };
        var firstResponse = created.AddHours(firstResponseHours);
        var resolveMedian = (8 + (60 * (1 - q))) * (complaint ? 2 : 1) * (1.4 - (0.6 * agent.Skill));
        var resolveHours = firstResponseHours + rng.LogNormal(resolveMedian, 0.9);
        var closed = created.AddHours(resolveHours);
        var escalated = complaint && rng.Chance(0.2 + (0.35 * (1 - q)));
        var isClosed = closed < Cutoff;
        string status;
        if (isClosed)
        {
            status = "Closed";
        }
        else if (firstResponse < Cutoff)
        {
            status = escalated ? "Escalated" : "Working";
        }
        else
        {
            status = "New";
        }

        var priority = complaint ? (rng.Chance(0.7) ? "High" : "Medium")
            : type == "Problem" ? (rng.Chance(0.5) ? "High" : "Medium")
            : rng.Chance(0.7) ? "Low" : "Medium";
        var (subject, description) = CaseText(type, topic, product, shoot);
        var reason = topic switch
        {
            Topic.Price => "Pricing",
            Topic.Booking => "Booking",
            Topic.Delivery => "Delivery",
            Topic.Quality => "Quality",
            Topic.Staff or Topic.Waiting => "Staff",
            _ => "Other",
        };
        var supplied = origin is "Email" or "Web" && _hasEmail
            ? rng.Next(4) switch
            {
                0 => _emailLower.ToUpperInvariant(),
                1 => Text.TitleCaseEmail(_emailLower),
                2 => _emailLower + " ",
                _ => _emailLower,
            }
            : null;
        var modified = isClosed ? closed : firstResponse < Cutoff ? firstResponse : created;
        var caseId = ctx.CaseIds.Next();
        ctx.Crm.Cases.Write(
        [
            caseId, Text.Int(ctx.NextCaseNumber++).PadLeft(8, '0'), ContactAt(created), supplied, status, priority,
            origin, type, reason, subject, description, isClosed, escalated,
            firstResponse < Cutoff ? firstResponse : null, isClosed ? closed : null, _location.Code, agent.UserId,
            created, modified, rng.Chance(0.002),
        ]);
        ctx.Touchpoints.Tickets++;
        Touch(created);

        if (isClosed)
        {
            var satisfaction = Math.Clamp(
                0.42 + (0.25 * agent.Skill) + (0.2 * q) - (firstResponseHours / 120) - (escalated ? 0.15 : 0)
                    - (complaint ? 0.1 : 0) + _bias + rng.Normal(0, 0.1),
                0,
                1);
            var ease = Math.Clamp(0.75 - (resolveHours / 300) + rng.Normal(0, 0.12), 0, 1);
            Survey(closed, "ticket", caseId, satisfaction, ease, complaint ? topic : null);
        }

        return new TicketOutcome(caseId, isClosed ? closed : null, firstResponseHours, escalated);
    }

    private (string Subject, string Description) CaseText(string type, Topic topic, Product? product, DateOnly? shoot)
    {
        var rng = _rng;
        var language = _location.Language;
        var name = product?.Name(language) ?? language switch
        {
            "zh" => "写真",
            "pt" => "ensaio",
            _ => "photo session",
        };
        var wanted = shoot ?? DateOnly.FromDateTime(Clock.ToLocal(_contactCreated, Zone)).AddDays(rng.Next(20, 200));
        var date = wanted.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var signature = _location.Language == "zh" ? _last + _first : _first;
        if (type == "Complaint")
        {
            var body = PhraseBank.Compose(language, rng.Next(1, 3), rng, topic, 3);
            return language switch
            {
                "zh" => ("投诉：" + TopicLabel(language, topic), body + "\n订单：" + name + "，拍摄日期" + date + "。\n请尽快给我回电话！"),
                "pt" => ("Reclamação: " + TopicLabel(language, topic), body + "\nPedido: \"" + name + "\", sessão em "
                    + date + ".\nAguardo retorno, " + signature),
                _ => ("Complaint: " + TopicLabel(language, topic), body + "\nOrder: \"" + name + "\", shoot on " + date
                    + ".\n\"Not acceptable\" - please call me back, " + signature),
            };
        }

        if (topic == Topic.Delivery)
        {
            if (type == "Problem")
            {
                return language switch
                {
                    "zh" => ("还没收到照片", "你好，\n说好两周出片，已经过了很久了，到现在还没收到。\n订单：“" + name + "”，拍摄日期" + date + "。"),
                    "pt" => ("Fotos não recebidas",
                        "Olá,\ndisseram que as fotos ficariam prontas em 2 semanas, e até agora nada.\nPedido: \""
                            + name + "\", sessão " + date + "."),
                    _ => ("Photos not received",
                        "Hi,\nwe were told 2 weeks, it has been much longer and we still have nothing.\nOrder: \""
                            + name + "\", shoot " + date + "."),
                };
            }

            return language switch
            {
                "zh" => ("照片什么时候能出？", "你好，\n我们" + date + "拍的，请问什么时候能收到底片？\n谢谢，" + signature),
                "pt" => ("Quando as fotos ficam prontas?", "Oi,\nnossa sessão foi em " + date
                    + ". Quando recebemos a galeria?\nObrigado, " + signature),
                _ => ("When will our photos be ready?", "Hi,\nour shoot was on " + date
                    + ". When can we expect the gallery?\nThanks, " + signature),
            };
        }

        if (topic == Topic.Price)
        {
            return language switch
            {
                "zh" => (name + "价格咨询", "你好，想了解一下“" + name + "”的价格，包含精修、相框、交通费吗？"),
                "pt" => ("Dúvida sobre preços", "Olá, podem me enviar um orçamento do \"" + name
                    + "\"? O valor inclui impressões, deslocamento e taxas?"),
                _ => ("Question about pricing", "Hello, could you send me a quote for \"" + name
                    + "\"? Does the price include prints, travel, and VAT?"),
            };
        }

        return language switch
        {
            "zh" => ("咨询" + name + "档期", "你好，\n请问" + date + "还有档期吗？想预约“" + name + "”，定金、付款方式等怎么安排？\n谢谢，" + signature),
            "pt" => ("Disponibilidade para " + name, "Olá,\na data " + date + " ainda está disponível para o pacote \""
                + name + "\"? Queria saber também sobre sinal, parcelamento, etc.\nObrigada, " + signature),
            _ => ("Availability for " + name, "Hi,\nis " + date + " still available for the \"" + name
                + "\" package? We'd also like to know about deposits, payment plans, etc.\nThanks, " + signature),
        };
    }

    private static string TopicLabel(string language, Topic topic) => (language, topic) switch
    {
        ("zh", Topic.Price) => "价格",
        ("zh", Topic.Staff) => "服务态度",
        ("zh", Topic.Waiting) => "等待时间",
        ("zh", Topic.Quality) => "照片质量",
        ("zh", Topic.Delivery) => "交片延迟",
        ("zh", Topic.Booking) => "预约",
        ("zh", _) => "沟通",
        ("pt", Topic.Price) => "preço",
        ("pt", Topic.Staff) => "atendimento",
        ("pt", Topic.Waiting) => "tempo de espera",
        ("pt", Topic.Quality) => "qualidade das fotos",
        ("pt", Topic.Delivery) => "atraso na entrega",
        ("pt", Topic.Booking) => "agendamento",
        ("pt", _) => "comunicação",
        (_, Topic.Price) => "pricing",
        (_, Topic.Staff) => "staff attitude",
        (_, Topic.Waiting) => "waiting time",
        (_, Topic.Quality) => "photo quality",
        (_, Topic.Delivery) => "late delivery",
        (_, Topic.Booking) => "booking",
        _ => "communication",
    };
}
