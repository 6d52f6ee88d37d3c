# The partner's Expert profile in the Partner Directory. The outsourcing
# category needs the number of agents and the languages they speak.
resource "livechat_expert_profile" "acme" {
  company           = "ACME Chat Services"
  phone             = "+1 555 0100"
  description       = "We staff and train chat teams for online stores, around the clock."
  short_description = "24/7 chat agents for e-commerce"
  country           = "US"
  website           = "https://acme-chat.example"
  categories        = ["chat-agent-outsourcing", "training"]
  industry_ids      = [31, 37]
  projects          = ["https://shop.example/case-study"]
  agents            = "16-30"
  languages         = ["EN", "ES"]
  hour_rate         = 40
  linkedin          = "https://www.linkedin.com/company/acme-chat"
}
